import * as tf from '@tensorflow/tfjs';
import { Matrix } from 'ml-matrix';
import { eliminateByHalves, leastSquares } from './sparse.ts';

/**
 * A few terms out of many nearly collinear columns, exactly: the search
 * behind turnSums.ts.
 *
 * Y is an exact combination of some `plain` columns (the monomials of the
 * inputs, many and nearly collinear) and of a few `cols` (a monomial times
 * cos u or sin u). A greedy pick over all of them goes astray (a^2 + c^2 -
 * 2 a c cos u first reads as a multiple of a c), so the span of the plain
 * columns is taken off first: Y and the columns are projected off it, where
 * only the few are left to pick, by orthogonal least squares from each of
 * the OPENINGS columns that explain most of Y alone. What they leave of Y
 * is then an exact combination of the plain columns, made sparse by
 * elimination by halves (sparse.ts).
 */

export interface SpanProblem {
  /** The plain columns, and an orthonormal basis of their span. */
  plain: Float64Array[];
  span: Float64Array[];
  /** The columns to pick from, column k at k * n, and each one's squared norm off the span (0: in it). */
  cols: Float64Array;
  offSpan: Float64Array;
  n: number;
}

/** First columns a search opens on. */
const OPENINGS = 3;

/** Columns picked off the span, at most (the plain ones beside them are not counted): x (cos u + a cos^2 u) has two. */
export const MOST_TERMS = 3;

/**
 * Residual, relative to the spread of Y, under which a pick counts as exact
 * at the least (the caller widens it to the data's precision): in float64
 * an exact pick leaves about 1e-15, a wrong one about 1e-1 of what is off
 * the span. The float64 screen is the verdict.
 */
export const EXACT_SUM = 1e-9;

/**
 * The exact sparse fit of Y: its terms (a picked column k, or plain column
 * k) and their least-squares coefficients; null when Y has no part off the
 * span (it is plain) or no pick of MOST_TERMS makes it exact. `tolerance`
 * is the residual relative to Y's spread that counts as exact.
 */
export function sparseOverSpan(p: SpanProblem, Y: number[], tolerance = EXACT_SUM): { terms: Array<{ k: number; plain: boolean }>; coefficients: number[] } | null {
  const { plain, span, cols, offSpan, n } = p;
  if (Y.length !== n || !Y.every(Number.isFinite)) return null;
  // The spread scaled by the tolerance: what an exact residual stays under.
  const spread = norm(centered(Y)) * (tolerance / EXACT_SUM);
  const Yp = project(Float64Array.from(Y), span);
  if (!(spread > 0) || norm(Yp) <= EXACT_SUM * spread) return null;
  let picked: { chosen: number[]; coefficients: number[] } | null = null;
  for (const first of bestColumns(cols, offSpan, n, Yp, span, [], [], OPENINGS)) {
    picked = pickFeatures(cols, offSpan, n, Yp, span, first, spread);
    if (picked) break;
  }
  if (!picked) return null;
  const rest = Y.map((v, i) => picked!.chosen.reduce((a, k, h) => a - picked!.coefficients[h] * cols[k * n + i], v));
  const poly = norm(rest) <= EXACT_SUM * spread ? { columns: [], coefficients: [] } : eliminateByHalves(plain.map((c) => Array.from(c)), rest, Math.max(1e-9, 10 * tolerance), Math.max(1e-6, 10 * tolerance));
  if (!poly) return null;
  const terms = [...picked.chosen.map((k) => ({ k, plain: false })), ...poly.columns.map((k) => ({ k, plain: true }))];
  const coefficients = solve(
    terms.map(({ k, plain: isPlain }) => (isPlain ? plain[k] : cols.subarray(k * n, k * n + n))),
    Y,
  );
  return coefficients ? { terms, coefficients } : null;
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
 * is within EXACT_SUM of `spread`. The columns and their coefficients
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
export function offSpanNorms(cols: Float64Array, norms: Float64Array, n: number, span: Float64Array[]): Float64Array {
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

