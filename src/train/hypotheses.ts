import { Matrix } from 'ml-matrix';
import type { Network } from '../engine/network.ts';
import { WithInputs } from '../calu/withInputs.ts';
import { CaluM } from '../calu/caluM.ts';
import { CaluE } from '../calu/caluE.ts';
import { CaluL } from '../calu/caluL.ts';
import { leastSquares } from '../formula/sparse.ts';
import { monomials } from '../formula/evaluate.ts';

/**
 * Restarts that start on hypotheses. A feature such as cos(k d) sits in a
 * landscape that repeats every 2 pi of its argument: from a random start,
 * gradient descent rarely finds the argument k d over [1, 25] (0 of 64
 * restarts in our runs), but a restart that starts on k d keeps it and
 * trains the rest. So a feature stage gives each restart its own argument
 * to start from: the first unit of its feature block starts on one
 * hypothesis, the other units start as usual and every weight still trains.
 * The hypotheses are small monomials: sines and cosines of one input or a
 * product of two (theta, k d) or of the difference of two inputs
 * (theta1 - theta2), exponentials of one input or a ratio or product of
 * two, logarithms of the same. They are tried in order: the
 * trigonometric ones of a single input first, the rest ranked by how much a
 * small dictionary fit of the target improves with the feature beside it.
 */

/**
 * One restart's start: the argument's exponents and, for CALUe, the weight
 * on it (i: cos and sin; real: exp). A difference of two angles,
 * cos(theta1 - theta2), starts two units, theta1 and theta2, weighted i and -i.
 */
export interface Hypothesis {
  exponents: number[];
  weight: [number, number];
  /** A second argument and its weight, for a difference of two angles. */
  second?: { exponents: number[]; weight: [number, number] };
}

const TRIG: Array<[number, number]> = [
  [0, 1],
  [0, 0.5],
];
const EXP: Array<[number, number]> = [
  [-1, 0],
  [1, 0],
];

/**
 * The fixed features of a frozen block: cos and sin of each input, one input
 * per restart (the restarts take the inputs in turn).
 */
export function turns(inputs: number): Hypothesis[] {
  return Array.from({ length: inputs }, (_, j) => ({ exponents: unit(inputs, [[j, 1]]), weight: [0, 1] as [number, number] }));
}

/** The hypotheses for a block of kind e (CALUm -> CALUe) or l (CALUl), in the order restarts take them. */
export function hypotheses(kind: 'e' | 'l', x: number[][], y: number[]): Hypothesis[] {
  const D = x[0]?.length ?? 0;
  const products = arguments_(D, [1]);
  const signed = arguments_(D, [1, -1]);
  const first: Hypothesis[] = [];
  const rest: Hypothesis[] = [];
  if (kind === 'e') {
    for (const e of products) for (const w of TRIG) (nonZero(e) === 1 ? first : rest).push({ exponents: e, weight: w });
    for (let j = 0; j < D; j++) {
      for (let k = j + 1; k < D; k++) first.push({ exponents: unit(D, [[j, 1]]), weight: [0, 1], second: { exponents: unit(D, [[k, 1]]), weight: [0, -1] } });
    }
    for (const e of signed) for (const w of EXP) rest.push({ exponents: e, weight: w });
  } else {
    for (const e of signed) rest.push({ exponents: e, weight: [1, 0] });
  }
  const score = rest.map((h) => dictionaryResidual(x, y, featureColumns(kind, h, x)));
  const order = rest.map((_, i) => i).sort((a, b) => score[a] - score[b] || a - b);
  return [...first, ...order.map((i) => rest[i])];
}

/**
 * Starts restart r of the network's feature block on hypothesis r. With
 * more restarts than hypotheses the list starts again: a hypothesis that
 * is right can still lose its restart to a bad start of the other weights.
 */
export function startOnHypotheses(net: Network, list: Hypothesis[]): void {
  const block = net.layers[0];
  if (!(block instanceof WithInputs) || list.length === 0) return;
  const [first, second] = block.inner;
  // A frozen block is set exactly (its quantizers one-hot): the features are what the hypothesis says, and stay so.
  const strength = block.frozen ? 40 : 6;
  for (let r = 0; r < net.restarts; r++) {
    const h = list[r % list.length];
    if (first instanceof CaluL) {
      h.exponents.forEach((v, j) => first.weight.startAt(r, 0, j, v, strength));
    } else if (first instanceof CaluM && second instanceof CaluE) {
      h.exponents.forEach((v, j) => first.weight.startAt(r, 0, j, v, strength));
      second.weight.startAt(r, 0, 0, h.weight, strength);
      for (let u = 1; u < first.outputSize; u++) second.weight.startAt(r, 0, u, [0, 0], strength);
      if (h.second && first.outputSize > 1) {
        h.second.exponents.forEach((v, j) => first.weight.startAt(r, 1, j, v, strength));
        second.weight.startAt(r, 0, 1, h.second.weight, strength);
      }
    }
  }
}

/** Exponent vectors with one or two non-zero entries drawn from `values`. */
function arguments_(D: number, values: number[]): number[][] {
  const out: number[][] = [];
  for (let j = 0; j < D; j++) for (const v of values) out.push(unit(D, [[j, v]]));
  for (let j = 0; j < D; j++) for (let k = j + 1; k < D; k++) for (const a of values) for (const b of values) out.push(unit(D, [[j, a], [k, b]]));
  return out;
}

function unit(D: number, entries: Array<[number, number]>): number[] {
  const e = new Array(D).fill(0);
  for (const [j, v] of entries) e[j] = v;
  return e;
}

function nonZero(e: number[]): number {
  return e.filter((v) => v !== 0).length;
}

/** The feature's columns on the rows: cos and sin for an imaginary weight, exp for a real one, log for CALUl. */
function featureColumns(kind: 'e' | 'l', h: Hypothesis, x: number[][]): number[][] {
  const u = x.map((row) => monomials([h.exponents], row)[0]);
  if (kind === 'l') return [u.map((v) => Math.log(Math.abs(v)))];
  if (h.second) {
    const v = x.map((row) => monomials([h.second!.exponents], row)[0]);
    return [u.map((a, i) => Math.cos(a - v[i])), u.map((a, i) => Math.sin(a - v[i]))];
  }
  const [a, b] = h.weight;
  if (b === 0) return [u.map((v) => Math.exp(a * v))];
  return [u.map((v) => Math.cos(b * v)), u.map((v) => Math.sin(b * v))];
}

/**
 * The relative residual of y fitted by least squares on a small dictionary,
 * {1, x_j, 1/x_j} times {1, each feature column}: a quick measure of how much
 * a feature explains, used only to order hypotheses.
 */
export function dictionaryResidual(x: number[][], y: number[], feature: number[][]): number {
  const D = x[0]?.length ?? 0;
  const base: number[][] = [x.map(() => 1)];
  for (let j = 0; j < D; j++) base.push(x.map((r) => r[j]), x.map((r) => 1 / r[j]));
  const cols = [...base, ...feature.flatMap((f) => base.map((c) => c.map((v, i) => v * f[i])))].filter((c) => c.every(Number.isFinite));
  const A = new Matrix(x.length, cols.length);
  const norms = cols.map((c) => Math.hypot(...c) || 1);
  cols.forEach((c, k) => c.forEach((v, i) => A.set(i, k, v / norms[k])));
  const sol = leastSquares(A, Matrix.columnVector(y));
  if (!sol) return Infinity;
  const pred = A.mmul(sol);
  let ss = 0;
  let yy = 0;
  y.forEach((v, i) => {
    ss += (pred.get(i, 0) - v) ** 2;
    yy += v * v;
  });
  return Math.sqrt(ss / (yy || 1));
}
