import type { SnappedLayer } from '../formula/evaluate.ts';
import { distinctMonomials, monomials } from '../formula/evaluate.ts';
import { sparsestNullVector } from '../formula/sparse.ts';
import type { TargetTransform } from './transform.ts';
import type { Rows } from '../data/rows.ts';

/**
 * A rational stage fits Y = N/D, with N and D sums of the monomials of one
 * CALUm layer and Y = (y/M0)^k, through N - Y D = 0 (see ratioLoss). Its
 * last layer is read by an exact refit: the coefficients of N and D are the
 * null vector of [M, -Y M] over the distinct monomials M of the snapped
 * layer. The network read back computes y = M0 (N/D)^(1/k):
 *   in -> m[monomials, M0] -> a[N, D, M0] -> m[1/k, -1/k, 1] -> a[sign].
 */
export function readRational(snapped: SnappedLayer[], sample: Rows, transforms: TargetTransform[], negative: boolean[]): Array<SnappedLayer[] | null> {
  const units = distinctMonomials(snapped[0].weights);
  const features = sample.x.map((row) => monomials(units, row));
  return transforms.map((t, k) => {
    const A = features.map((f, i) => [...f, ...f.map((v) => -v * sample.y[i][k])]);
    const nv = sparsestNullVector(A, 1e-9);
    if (!nv) return null;
    const H = units.length;
    const num = nv.theta.slice(0, H);
    const den = nv.theta.slice(H);
    return rationalNetwork(units, num, den, t, negative[k]);
  });
}

export function rationalNetwork(units: number[][], num: number[], den: number[], t: TargetTransform, negative: boolean): SnappedLayer[] {
  const even = !(Number.isInteger(t.power) && Math.abs(t.power) % 2 === 1);
  const sign = negative && even ? -1 : 1;
  const m0 = t.m0;
  const mono = m0 ? [...units, m0] : units;
  const pad = (w: number[]) => (m0 ? [...w, 0] : w);
  const a = [pad(num), pad(den)];
  if (m0) a.push([...units.map(() => 0), 1]);
  const powers = m0 ? [1 / t.power, -1 / t.power, 1] : [1 / t.power, -1 / t.power];
  return [
    { kind: 'caluM', weights: mono },
    { kind: 'caluA', weights: a },
    { kind: 'caluM', weights: [powers] },
    { kind: 'caluA', weights: [[sign]] },
  ];
}
