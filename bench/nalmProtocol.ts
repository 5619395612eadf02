import type { Random } from '../src/util/random.ts';

/**
 * The single-module arithmetic task of Madsen & Johansen (ICLR 2020) as
 * benchmarked by Mistry et al. ("A Primer for Neural Arithmetic Logic
 * Modules", 2022; github.com/bmistry4/nalm-benchmark): two inputs a, b, one
 * output y = a op b, nine pairs of training (interpolation) and
 * extrapolation ranges, success judged on the extrapolation range.
 */

/** A uniform range, or two of them, each element picking one at random (the mixed-sign case). */
export type Range = [number, number] | [[number, number], [number, number]];

export interface RangePair {
  interp: Range;
  extrap: Range;
}

/** The nine pairs, in the order of Mistry et al.'s benchmark scripts. */
export const NALM_RANGES: RangePair[] = [
  { interp: [-20, -10], extrap: [-40, -20] },
  { interp: [-2, -1], extrap: [-6, -2] },
  { interp: [-1.2, -1.1], extrap: [-6.1, -1.2] },
  { interp: [-0.2, -0.1], extrap: [-2, -0.2] },
  { interp: [-2, 2], extrap: [[-6, -2], [2, 6]] },
  { interp: [0.1, 0.2], extrap: [0.2, 2] },
  { interp: [1, 2], extrap: [2, 6] },
  { interp: [1.1, 1.2], extrap: [1.2, 6] },
  { interp: [10, 20], extrap: [20, 40] },
];

export type NalmOp = 'add' | 'sub' | 'mul' | 'div';
export const NALM_OPS: NalmOp[] = ['add', 'sub', 'mul', 'div'];

export const OP: Record<NalmOp, (a: number, b: number) => number> = {
  add: (a, b) => a + b,
  sub: (a, b) => a - b,
  mul: (a, b) => a * b,
  div: (a, b) => a / b,
};

export function rangeText(r: Range): string {
  return typeof r[0] === 'number' ? `U[${r[0]},${r[1]}]` : `U[${(r as [number, number][]).map((p) => p.join(',')).join('] ∪ U[')}]`;
}

function draw(r: Range, rng: Random): number {
  if (typeof r[0] === 'number') return rng.between(r[0], r[1] as number);
  const parts = r as [[number, number], [number, number]];
  const p = parts[rng.uniform() < 0.5 ? 0 : 1];
  return rng.between(p[0], p[1]);
}

/** n rows [a, b] with both inputs drawn from the range, and y = a op b. */
export function sampleRows(op: NalmOp, r: Range, n: number, rng: Random): { x: number[][]; y: number[][] } {
  const x = Array.from({ length: n }, () => [draw(r, rng), draw(r, rng)]);
  return { x, y: x.map(([a, b]) => [OP[op](a, b)]) };
}

/**
 * The success threshold of Mistry et al.'s single-layer benchmark
 * (export/single_layer_task/benchmark/generate_exp_thresholds.r): the MSE,
 * on the extrapolation range, of the module's correct weights each off by
 * eps: (a + b) - eps (|a| + |b|), (a - b) - eps (|a| + |b|), (1 - eps)^2 a b
 * and (1 - eps) / (1 + eps) a / b. Madsen & Johansen's eps is 1e-5; Mistry
 * et al.'s published rates use 1e-4.
 */
export function nalmThreshold(op: NalmOp, r: Range, eps: number, samples: number, rng: Random): number {
  const off: Record<NalmOp, (a: number, b: number) => number> = {
    add: (a, b) => -eps * (Math.abs(a) + Math.abs(b)),
    sub: (a, b) => -eps * (Math.abs(a) + Math.abs(b)),
    mul: (a, b) => ((1 - eps) ** 2 - 1) * a * b,
    div: (a, b) => ((1 - eps) / (1 + eps) - 1) * (a / b),
  };
  let s = 0;
  for (let i = 0; i < samples; i++) s += off[op](draw(r, rng), draw(r, rng)) ** 2;
  return s / samples;
}
