import type { SnappedLayer } from '../src/formula/evaluate.ts';
import type { TalkTask } from '../src/bench/talkTasks.ts';

/**
 * The correct solution of each talk task, written as a CALUm -> CALUa
 * network (exponents, then coefficients). It defines only the success
 * threshold of the baselines (bench/threshold.ts); no model sees it, and a
 * test checks that each one reproduces its task exactly.
 */
export function talkSolution(task: TalkTask): SnappedLayer[] {
  const n = task.inputs.length;
  const unit = (j: number) => Array.from({ length: n }, (_, i) => (i === j ? 1 : 0));
  const net = (exps: number[][], coef: number[][]): SnappedLayer[] => [
    { kind: 'caluM', weights: exps },
    { kind: 'caluA', weights: coef },
  ];
  switch (task.name) {
    case 'constant':
      return net([new Array(n).fill(0)], task.targets.map(() => [1]));
    case 'identity':
      return net(task.inputs.map((_, j) => unit(j)), task.targets.map((_, o) => task.inputs.map((_, j) => (j === o ? 1 : 0))));
    case 'add':
      return net([unit(0), unit(1)], [[1, 1]]);
    case 'sub':
      return net([unit(0), unit(1)], [[1, -1]]);
    case 'mul':
      return net([[1, 1]], [[1]]);
    case 'div':
      return net([[1, -1]], [[1]]);
    case 'multinomial':
      return powersOfSum(n, task.targets.length - 1);
    case 'lorentz':
      return minkowski();
    default:
      throw new Error(`no reference solution for task "${task.name}"`);
  }
}

/** [1, s, s^2, ..., s^d] with s the sum of n inputs, expanded into monomials with multinomial coefficients. */
function powersOfSum(n: number, d: number): SnappedLayer[] {
  const exps: number[][] = [];
  const grow = (prefix: number[], left: number) => {
    if (prefix.length === n) return exps.push(prefix);
    for (let e = 0; e <= left; e++) grow([...prefix, e], left - e);
  };
  grow([], d);
  const fact = (k: number): number => (k <= 1 ? 1 : k * fact(k - 1));
  const coef = Array.from({ length: d + 1 }, (_, k) =>
    exps.map((e) => {
      const deg = e.reduce((a, b) => a + b, 0);
      return deg === k ? fact(k) / e.reduce((p, v) => p * fact(v), 1) : 0;
    }),
  );
  return [
    { kind: 'caluM', weights: exps },
    { kind: 'caluA', weights: coef },
  ];
}

/** p.p, p.q, q.q with metric (+,-,-,-) for inputs p0..p3, q0..q3. */
function minkowski(): SnappedLayer[] {
  const exps: number[][] = [];
  const coef: number[][] = [[], [], []];
  const mono = (e: number[], c: number[]) => {
    exps.push(e);
    c.forEach((v, o) => coef[o].push(v));
  };
  for (let i = 0; i < 4; i++) {
    const s = i === 0 ? 1 : -1;
    const e = new Array(8).fill(0);
    e[i] = 2;
    mono(e, [s, 0, 0]);
    const f = new Array(8).fill(0);
    f[i] = 1;
    f[4 + i] = 1;
    mono(f, [0, s, 0]);
    const g = new Array(8).fill(0);
    g[4 + i] = 2;
    mono(g, [0, 0, s]);
  }
  return [
    { kind: 'caluM', weights: exps },
    { kind: 'caluA', weights: coef },
  ];
}
