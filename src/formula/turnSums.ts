import * as tf from '@tensorflow/tfjs';
import { Matrix } from 'ml-matrix';
import { eliminateByHalves, leastSquares } from './sparse.ts';
import { monomials, type SnappedLayer } from './evaluate.ts';

/**
 * Sums over the cosine and sine of one argument, read by least squares.
 *
 * The law of cosines, x1^2 + x2^2 - 2 x1 x2 cos(theta1 - theta2), or the
 * same under a constant, (r^2 + d^2 - 2 r d cos(alpha)) (4 pi epsilon/q)^2,
 * is linear in a few columns M(x) f(u): M a small monomial of the inputs,
 * f one of 1, cos u, sin u, cos^2 u and cos u sin u, and u one argument.
 * A tail trained behind a frozen one-input block meets such a sum slowly
 * when its coefficients lie far from Q (16 pi^2), and never when the
 * argument is a difference of two inputs, which no one-input block holds.
 * Here each argument's columns are searched by orthogonal least squares:
 * the column that lowers the residual most, after projection off those
 * chosen, joins until the fit is exact or MOST_TERMS are in. Each step is
 * one pass over the columns. The arguments are the inputs, and the sums,
 * differences and products of two of them.
 *
 * The network read is a frozen block giving cos u and sin u (a CALUe unit
 * on the imaginary axis, as every turn stage's) and an m -> a tail over
 * [x; cos u; sin u]; the caller screens it on the target as any other.
 */

/** u = sum_s signs[s] * monomial_s(x). */
export interface TurnArgument {
  monomials: number[][];
  signs: number[];
}

/** One term of a sum: a monomial of the inputs times cos(u)^cos sin(u)^sin. */
export interface TurnTerm {
  exponents: number[];
  cos: number;
  sin: number;
}

export interface TurnSum {
  argument: TurnArgument;
  terms: TurnTerm[];
  coefficients: number[];
}

/** Powers (cos, sin) of the argument's features a term may carry, the plain monomial first: sin^2 is 1 - cos^2, cos sin half sin(2u). */
const FEATURES: ReadonlyArray<[number, number]> = [
  [0, 0],
  [1, 0],
  [0, 1],
  [2, 0],
];

/** First columns a search opens on, per argument. */
const OPENINGS = 3;

/** Terms with cos u or sin u in a sum, at most (the plain monomials beside them are not counted): x (cos u + a cos^2 u) has two. */
export const MOST_TERMS = 3;

/** Residual, relative to the spread of Y, under which a sum counts as found (the float64 screen is the verdict). */
export const EXACT_SUM = 1e-6;

/** The arguments tried: each input, and the difference of each pair; up to four inputs, also the sum and product of each pair (the pairs grow as D^2). */
export function turnArguments(D: number): TurnArgument[] {
  const unit = (j: number) => Array.from({ length: D }, (_, h) => (h === j ? 1 : 0));
  const out: TurnArgument[] = [];
  for (let j = 0; j < D; j++) out.push({ monomials: [unit(j)], signs: [1] });
  for (let i = 0; i < D; i++) {
    for (let j = i + 1; j < D; j++) {
      out.push({ monomials: [unit(i), unit(j)], signs: [1, -1] });
      if (D > 4) continue;
      out.push({ monomials: [unit(i), unit(j)], signs: [1, 1] });
      out.push({ monomials: [unit(i).map((v, h) => v + unit(j)[h])], signs: [1] });
    }
  }
  return out;
}

/** Monomials with exponents in -2..2 and at most `most` of them non-zero, the constant first. */
export function smallMonomials(D: number, most: number): number[][] {
  const out: number[][] = [];
  const walk = (j: number, e: number[], used: number) => {
    if (j === D) {
      out.push([...e]);
      return;
    }
    for (const v of [0, 1, -1, 2, -2]) {
      if (v !== 0 && used === most) continue;
      e[j] = v;
      walk(j + 1, e, used + (v !== 0 ? 1 : 0));
    }
    e[j] = 0;
  };
  walk(0, new Array(D).fill(0), 0);
  return out;
}

/** How many factors a monomial of the dictionary may have: three up to four inputs, else two (the columns grow as D^k). */
export function mostFactors(D: number): number {
  return 2;
}

/**
 * The exact sums of Y over one argument's columns of the dictionary (on
 * its rows), fewest terms first, at most one per argument; [] when none is exact, or when Y is a
 * sum of plain monomials (the algebraic stages' business).
 *
 * Greedy picks over all columns at once go astray where monomials are
 * nearly collinear: a^2 + c^2 - 2 a c cos u first reads as a multiple of
 * a c. So the plain monomials are taken off first: Y and the argument's
 * columns are projected off their span, where only the terms with cos u
 * and sin u are left to pick, and the plain part that remains is an exact
 * polynomial, made sparse by elimination (sparse.ts).
 */
export function turnSums(dict: TurnDictionary | null, Y: number[]): TurnSum[] {
  if (!dict || Y.length !== dict.n || !Y.every(Number.isFinite)) return [];
  const { n, mono, plain, span } = dict;
  const spread = norm(centered(Y));
  const Yp = project(Float64Array.from(Y), span);
  if (!(spread > 0) || norm(Yp) <= EXACT_SUM * spread) return [];
  const M = mono.length;
  const found: TurnSum[] = [];
  for (const columns of dict.columns()) {
    const { cols, offSpan } = columns;
    let picked: { chosen: number[]; coefficients: number[] } | null = null;
    for (const first of bestColumns(cols, offSpan, n, Yp, span, [], [], OPENINGS)) {
      picked = pickFeatures(cols, offSpan, n, Yp, span, first, spread);
      if (picked) break;
    }
    if (!picked) continue;
    // What the feature terms leave is a polynomial in the plain monomials: its few terms by elimination.
    const rest = Y.map((v, i) => picked!.chosen.reduce((a, k, h) => a - picked!.coefficients[h] * cols[k * n + i], v));
    const restSpread = norm(Float64Array.from(rest));
    const poly = restSpread <= EXACT_SUM * spread ? { columns: [], coefficients: [] } : eliminateByHalves(plain.map((c) => Array.from(c)), rest, 1e-9);
    if (!poly) continue;
    const terms = [...picked.chosen.map((k) => ({ m: k % M, f: 1 + Math.floor(k / M) })), ...poly.columns.map((m) => ({ m, f: 0 }))];
    const coefficients = solve(
      terms.map(({ m, f }) => (f === 0 ? plain[m] : cols.subarray(((f - 1) * M + m) * n, ((f - 1) * M + m + 1) * n))),
      Y,
    );
    if (!coefficients) continue;
    found.push({ argument: columns.argument, terms: terms.map(({ m, f }) => ({ exponents: mono[m], cos: FEATURES[f][0], sin: FEATURES[f][1] })), coefficients });
  }
  return found.sort((a, b) => a.terms.length - b.terms.length);
}

/** What turnSums reads any Y against on the same rows: the plain monomials, their span, and each argument's columns. */
export interface TurnDictionary {
  n: number;
  mono: number[][];
  plain: Float64Array[];
  span: Float64Array[];
  /** Each argument's columns (k: plain monomial k % M times feature 1 + floor(k / M)) and their squared norms off the span: built on the first call, kept for the next. */
  columns(): Array<{ argument: TurnArgument; cols: Float64Array; offSpan: Float64Array }>;
}

/** The dictionary on the rows x (at least rowsNeeded of them, and at most MOST_INPUTS inputs), or null. */
export function turnDictionary(x: number[][], args: TurnArgument[] = turnArguments(x[0]?.length ?? 0)): TurnDictionary | null {
  const n = x.length;
  const D = x[0]?.length ?? 0;
  if (!D || D > MOST_INPUTS || n < rowsNeeded(D)) return null;
  const mono = smallMonomials(D, mostFactors(D));
  const plain = mono.map((e) => Float64Array.from(x, (row) => monomials([e], row)[0]));
  if (!plain.every((c) => c.every(Number.isFinite))) return null;
  const span = orthonormalBasis(plain);
  const M = mono.length;
  const count = (FEATURES.length - 1) * M;
  let built: ReturnType<TurnDictionary['columns']> | null = null;
  const columns = () =>
    (built ??= args.flatMap((argument) => {
      const u = x.map((row) => monomials(argument.monomials, row).reduce((s, v, k) => s + argument.signs[k] * v, 0));
      if (!u.every(Number.isFinite)) return [];
      const cols = new Float64Array(count * n);
      const norms = new Float64Array(count);
      for (let f = 1; f < FEATURES.length; f++) {
        const [a, b] = FEATURES[f];
        const feat = u.map((v) => Math.cos(v) ** a * Math.sin(v) ** b);
        plain.forEach((c, m) => {
          const k = (f - 1) * M + m;
          let nn = 0;
          for (let i = 0; i < n; i++) {
            const v = c[i] * feat[i];
            cols[k * n + i] = v;
            nn += v * v;
          }
          norms[k] = nn;
        });
      }
      return [{ argument, cols, offSpan: offSpanNorms(cols, norms, n, span) }];
    }));
  return { n, mono, plain, span, columns };
}

/** Inputs the dictionary takes at most: its columns and their passes grow as D^4 (six inputs took 3.5 s to build on this machine, five 1.2 s). */
export const MOST_INPUTS = 5;

/** Rows turnSums needs for D inputs: more than the plain monomials, by a margin that tells an exact fit from a lucky one. */
export function rowsNeeded(D: number): number {
  return smallMonomials(D, mostFactors(D)).length + 48;
}

/**
 * The columns, of those not in `skip`, that best explain r (orthogonal to
 * the span and to `basis`), best first: scored by the square of their dot
 * with r over the squared norm of their projection off the span and the
 * basis, which is how much a least-squares fit would lower the residual
 * with them. Each with its unit projection.
 */
function bestColumns(cols: Float64Array, offSpan: Float64Array, n: number, r: Float64Array, span: Float64Array[], basis: Float64Array[], skip: number[], most: number): Array<{ k: number; v: Float64Array; score: number }> {
  const scored: Array<{ k: number; score: number }> = [];
  for (let k = 0; k < offSpan.length; k++) {
    if (!(offSpan[k] > 0) || skip.includes(k)) continue;
    let d = 0;
    let left = offSpan[k];
    for (let i = 0, at = k * n; i < n; i++, at++) d += r[i] * cols[at];
    for (const b of basis) {
      let p = 0;
      for (let i = 0, at = k * n; i < n; i++, at++) p += b[i] * cols[at];
      left -= p * p;
    }
    // A column (nearly) in the span of the rest adds nothing but ill conditioning.
    if (left > 1e-3 * offSpan[k]) scored.push({ k, score: (d * d) / left });
  }
  const all = [...span, ...basis];
  return scored
    .sort((a, b) => b.score - a.score || a.k - b.k)
    .slice(0, most)
    .flatMap(({ k, score }) => {
      const v = project(cols.slice(k * n, k * n + n), all);
      const size = norm(v);
      return size > 0 ? [{ k, score, v: v.map((t) => t / size) }] : [];
    });
}

/**
 * Feature columns that explain Yp (Y off the plain span), opening on
 * `first` (a column and its unit projection): each step takes the column
 * that lowers the residual most, and the search stops once the residual
 * is within EXACT_SUM of Y's spread. The columns and their coefficients
 * on Yp, or null.
 */
function pickFeatures(cols: Float64Array, offSpan: Float64Array, n: number, Yp: Float64Array, span: Float64Array[], first: { k: number; v: Float64Array }, spread: number): { chosen: number[]; coefficients: number[] } | null {
  const r = Float64Array.from(Yp);
  const basis: Float64Array[] = [];
  const chosen: number[] = [];
  let next: { k: number; v: Float64Array } | undefined = first;
  for (let step = 0; step < MOST_TERMS; step++) {
    if (step > 0) next = bestColumns(cols, offSpan, n, r, span, basis, chosen, 1)[0];
    if (!next) return null;
    chosen.push(next.k);
    basis.push(next.v);
    const q = next.v;
    let d = 0;
    for (let i = 0; i < n; i++) d += q[i] * r[i];
    for (let i = 0; i < n; i++) r[i] -= d * q[i];
    if (norm(r) <= EXACT_SUM * spread) {
      const A = chosen.map((k) => project(cols.slice(k * n, k * n + n), span));
      const coefficients = solve(A, Array.from(Yp));
      return coefficients ? { chosen, coefficients } : null;
    }
  }
  return null;
}

/**
 * Each column's squared norm off the span: |c|^2 less |Q^T c|^2. The
 * product Q^T C is the one pass over every column and every basis vector,
 * P n per column, so it runs as one float32 matrix product in tfjs (it
 * ranks columns; the chosen ones are projected in float64). A column left
 * with less than 1e-5 of its norm is taken as in the span (0).
 */
function offSpanNorms(cols: Float64Array, norms: Float64Array, n: number, span: Float64Array[]): Float64Array {
  const count = norms.length;
  const Q = new Float32Array(span.length * n);
  span.forEach((q, j) => Q.set(q, j * n));
  const onSpan = tf.tidy(() => tf.matMul(tf.tensor2d(Float32Array.from(cols), [count, n]), tf.tensor2d(Q, [span.length, n]), false, true).square().sum(1).dataSync());
  return Float64Array.from(norms, (nn, k) => (Number.isFinite(nn) && nn - onSpan[k] > 1e-5 * nn ? nn - onSpan[k] : 0));
}

/** An orthonormal basis of the columns' span (modified Gram-Schmidt, twice; columns in the span of earlier ones are left out). */
export function orthonormalBasis(columns: Float64Array[]): Float64Array[] {
  const basis: Float64Array[] = [];
  for (const c of columns) {
    const size = norm(c);
    if (!(size > 0)) continue;
    const v = project(Float64Array.from(c), basis);
    const left = norm(v);
    if (!(left > 1e-9 * size)) continue;
    basis.push(v.map((t) => t / left));
  }
  return basis;
}

/** v less its projection on the orthonormal basis, in place (twice over: once loses the orthogonality an exact residual needs). */
function project(v: Float64Array, basis: Float64Array[]): Float64Array {
  const n = v.length;
  for (let pass = 0; pass < 2; pass++) {
    for (const b of basis) {
      let d = 0;
      for (let i = 0; i < n; i++) d += b[i] * v[i];
      for (let i = 0; i < n; i++) v[i] -= d * b[i];
    }
  }
  return v;
}

function norm(v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] * v[i];
  return Math.sqrt(s);
}

function centered(Y: number[]): Float64Array {
  const mean = Y.reduce((a, b) => a + b, 0) / Y.length;
  return Float64Array.from(Y, (v) => v - mean);
}

function solve(cols: Float64Array[], Y: number[]): number[] | null {
  if (!cols.length) return null;
  const A = new Matrix(Y.length, cols.length);
  cols.forEach((c, k) => c.forEach((v, i) => A.set(i, k, v)));
  const sol = leastSquares(A, Matrix.columnVector(Y));
  const out = sol ? cols.map((_, k) => sol.get(k, 0)) : null;
  return out && out.every(Number.isFinite) ? out : null;
}

/** The network of a sum for Y: a frozen block giving cos u and sin u, then an m -> a tail over [x; cos u; sin u]. */
export function turnSumNetwork(sum: TurnSum): SnappedLayer[] {
  const { argument, terms, coefficients } = sum;
  return [
    { kind: 'caluM', weights: argument.monomials.map((e) => [...e]) },
    { kind: 'caluE', weights: [argument.signs.map(() => 0)], imag: [[...argument.signs]], join: true },
    { kind: 'caluM', weights: terms.map((t) => [...t.exponents, t.cos, t.sin]) },
    { kind: 'caluA', weights: [[...coefficients]] },
  ];
}
