import type { Random } from '../util/random.ts';

/**
 * The talk's tasks: each maps its inputs to its targets. Training inputs
 * are drawn with both signs from [-2, 2]; extrapolation inputs from
 * [-6,-2] U [2,6]. A divisor stays at least 0.25 away from 0.
 */
export interface TalkTask {
  name: string;
  inputs: string[];
  targets: string[];
  f: (x: number[]) => number[];
  /** Inputs that divide, kept away from 0 in training. */
  divisors?: number[];
}

const x8 = ['x1', 'x2', 'x3', 'x4', 'x5', 'x6', 'x7', 'x8'];

export const TALK_TASKS: TalkTask[] = [
  { name: 'constant', inputs: x8, targets: x8.map((_, i) => `y${i + 1}`), f: (x) => x.map(() => 1) },
  { name: 'identity', inputs: x8, targets: x8.map((_, i) => `y${i + 1}`), f: (x) => x.slice() },
  { name: 'add', inputs: ['x1', 'x2'], targets: ['y'], f: (x) => [x[0] + x[1]] },
  { name: 'sub', inputs: ['x1', 'x2'], targets: ['y'], f: (x) => [x[0] - x[1]] },
  { name: 'mul', inputs: ['x1', 'x2'], targets: ['y'], f: (x) => [x[0] * x[1]] },
  { name: 'div', inputs: ['x1', 'x2'], targets: ['y'], f: (x) => [x[0] / x[1]], divisors: [1] },
  {
    name: 'multinomial',
    inputs: ['x1', 'x2', 'x3'],
    targets: ['y0', 'y1', 'y2', 'y3'],
    f: (x) => {
      const s = x[0] + x[1] + x[2];
      return [1, s, s * s, s * s * s];
    },
  },
  {
    name: 'lorentz',
    inputs: ['p0', 'p1', 'p2', 'p3', 'q0', 'q1', 'q2', 'q3'],
    targets: ['pp', 'pq', 'qq'],
    f: (x) => {
      const [p0, p1, p2, p3, q0, q1, q2, q3] = x;
      return [p0 * p0 - p1 * p1 - p2 * p2 - p3 * p3, p0 * q0 - p1 * q1 - p2 * q2 - p3 * q3, q0 * q0 - q1 * q1 - q2 * q2 - q3 * q3];
    },
  },
];

export function talkTask(name: string): TalkTask {
  const t = TALK_TASKS.find((k) => k.name === name);
  if (!t) throw new Error(`no talk task "${name}" (tasks: ${TALK_TASKS.map((k) => k.name).join(', ')})`);
  return t;
}

/** Rows of a task: 'train' draws from [-2,2], 'test' from [-6,-2] U [2,6], each input with a random sign. */
export function drawRows(task: TalkTask, range: 'train' | 'test', n: number, rng: Random): { x: number[][]; y: number[][] } {
  const x = Array.from({ length: n }, () =>
    task.inputs.map((_, j) => {
      const sign = rng.uniform() < 0.5 ? -1 : 1;
      if (range === 'test') return sign * rng.between(2, 6);
      return sign * rng.between(task.divisors?.includes(j) ? 0.25 : 0, 2);
    }),
  );
  return { x, y: x.map(task.f) };
}

/** A CSV text with a header, every number in its shortest exact float64 form. */
export function toCsv(header: string[], rows: number[][]): string {
  return [header.join(','), ...rows.map((r) => r.map(String).join(','))].join('\n') + '\n';
}
