import { Matrix } from 'ml-matrix';
import { augment, featureCount } from './features.ts';
import { leastSquares } from './sparse.ts';
import { evaluateSnapped, type SnappedLayer } from './evaluate.ts';
import type { Rows } from '../data/rows.ts';

/**
 * Pooling in log space, for a block giving one exponential E = exp(c u)
 * or one turn (cos t, sin t).
 * Formulas such as Planck's h omega/(exp(h omega/(kb T)) - 1), tanh u =
 * (exp(2u) - 1)/(exp(2u) + 1) or n0/(exp(u) + exp(-u)) are products of
 * powers: K M E^a (E - 1)^b (E + 1)^d, M a monomial of the inputs. Their
 * logarithm is linear in log x_j, log E, log|E - 1| and log(E + 1), so one
 * least-squares fit of log|y| on those columns gives every exponent at
 * once, where training the quotient behind a frozen block rarely meets them
 * (its coefficients, 2 pi or pi^2, are far from the values of Q).
 *
 * The network read is the deep stack the search already prints for powers
 * of sums, over [x; E]:
 *   m: M, E, 1  ->  a: M, E, E - 1, E + 1  ->  m: M E^a (E - 1)^b (E + 1)^d  ->  a: K
 * Exponents are rounded (to integers, those of the factors within -2..2) and
 * K refitted (signs come from the phases of negative factors, as in any
 * CALUm); null when y has a zero or the fit is not close to a product
 * of that form. The same for a turn, with cos t, sin t and 1 - cos t:
 * (Z1 Z2 alpha hbar c/(4 E sin(theta/2)^2))^2 is M (1 - cos theta)^-2
 * up to a constant. The caller screens the network on the target as any other.
 */
export function logPool(block: SnappedLayer[], rows: Rows, k = 0): SnappedLayer[] | null {
  const last = block[block.length - 1];
  if (!last || last.kind !== 'caluE' || featureCount(block) !== 2) return null;
  const y = rows.y.map((t) => t[k]);
  if (!y.every((v) => v !== 0 && Number.isFinite(v))) return null;
  const D = rows.x[0]?.length ?? 0;
  const kind = (last.imag ?? []).some((row) => row.some((w) => w !== 0)) ? 'turn' : 'exp';
  const features = augment(block, rows.x);
  const values = factorValues(kind, features.map((row) => row[D]), features.map((row) => row[D + 1]));
  const fit = logLinearFit(logsOf(rows.x), y.map((v) => Math.log(Math.abs(v))), values);
  if (!fit) return null;
  const exps = fit.coefficients.slice(1, 1 + D).map(round);
  const powers = fit.coefficients.slice(1 + D).map(round);
  if ([...exps, ...powers].some(Number.isNaN) || powers.every((p) => p === 0) || powers.some((p) => Math.abs(p) > 2)) return null;
  // A lone power of E reads better as exp(-u) than as 1/exp(u): the block then gives exp(-c u).
  if (kind === 'exp' && powers[0] < 0 && powers[1] === 0 && powers[2] === 0) {
    powers[0] = -powers[0];
    block = [...block.slice(0, -1), { ...last, weights: last.weights.map((row) => row.map((w) => -w)) }];
  }
  // Features' columns are [x; Re E, Im E]: the monomial M reads x alone, the features columns D and D + 1.
  const unitAt = (col: number) => Array.from({ length: D + 2 }, (_, j) => (j === col ? 1 : 0));
  const tail: SnappedLayer[] = [
    { kind: 'caluM', weights: [[...exps, 0, 0], unitAt(D), unitAt(D + 1), new Array(D + 2).fill(0)] },
    { kind: 'caluA', weights: [[1, 0, 0, 0], ...FACTORS[kind].map((f) => [0, ...f])] },
    { kind: 'caluM', weights: [[1, ...powers]] },
  ];
  const f = evaluateSnapped([...block, ...tail], rows.x).map((row) => row[0]);
  let fy = 0;
  let ff = 0;
  f.forEach((v, i) => {
    fy += v * y[i];
    ff += v * v;
  });
  if (!(ff > 0) || !Number.isFinite(fy / ff)) return null;
  return [...block, ...tail, { kind: 'caluA', weights: [[fy / ff]] }];
}

/**
 * The factors of a product over a block's two features, as multiples of
 * [Re E, Im E, 1]: for an exponential (Im E = 0) E, E - 1 and E + 1; for a
 * turn cos t, sin t and 1 - cos t (2 sin(t/2)^2). Not 1 + cos t as well: its
 * log is 2 log|sin t| - log(1 - cos t), and a fit would share one power
 * among the three.
 */
export const FACTORS: Record<'exp' | 'turn', number[][]> = {
  exp: [
    [1, 0, 0],
    [1, 0, -1],
    [1, 0, 1],
  ],
  turn: [
    [1, 0, 0],
    [0, 1, 0],
    [-1, 0, 1],
  ],
};

/** Each factor's value on each row, from the block's features re = Re E and im = Im E. */
export function factorValues(kind: 'exp' | 'turn', re: number[], im: number[]): number[][] {
  return FACTORS[kind].map(([a, b, c]) => re.map((v, i) => a * v + b * im[i] + c));
}

/** log|x| of every entry of the rows. */
export function logsOf(x: number[][]): number[][] {
  return x.map((row) => row.map((v) => Math.log(Math.abs(v))));
}

/**
 * The least-squares fit of log|y| on [1, log|x_j|, log|factor|]: its
 * coefficients in that order, and its residual relative to the spread of
 * log|y| (0 for a product of powers of the inputs and factors). Null when a
 * column is not finite (a zero) or the fit has no solution.
 */
export function logLinearFit(logs: number[][], logY: number[], factors: number[][]): { coefficients: number[]; residual: number } | null {
  const n = logY.length;
  const D = logs[0]?.length ?? 0;
  const cols: number[][] = [logY.map(() => 1)];
  for (let j = 0; j < D; j++) cols.push(logs.map((r) => r[j]));
  for (const f of factors) cols.push(f.map((v) => Math.log(Math.abs(v))));
  if (!cols.every((c) => c.every(Number.isFinite))) return null;
  // Columns scaled to unit length, for the conditioning; the coefficients are scaled back.
  const norms = cols.map((c) => Math.hypot(...c) || 1);
  const A = new Matrix(n, cols.length);
  cols.forEach((c, j) => c.forEach((v, i) => A.set(i, j, v / norms[j])));
  const sol = leastSquares(A, Matrix.columnVector(logY));
  if (!sol) return null;
  const pred = A.mmul(sol);
  const mean = logY.reduce((a, b) => a + b, 0) / n;
  let ss = 0;
  let tot = 0;
  logY.forEach((v, i) => {
    ss += (pred.get(i, 0) - v) ** 2;
    tot += (v - mean) ** 2;
  });
  return { coefficients: norms.map((m, j) => sol.get(j, 0) / m), residual: Math.sqrt(ss / (tot || 1)) };
}

/** Exponents closer than this to an integer are taken as it; others are no product of this form. */
const NEAR = 0.1;

function round(v: number): number {
  const r = Math.round(v);
  return Math.abs(v - r) <= NEAR ? r + 0 : NaN;
}
