import { Matrix, QrDecomposition, SingularValueDecomposition } from 'ml-matrix';

/**
 * Sparse least squares: the one solve every refit uses, and the four ways
 * calu chooses few terms out of many. A formula is exact only with the
 * right few terms, and the candidates are often nearly collinear, so each
 * strategy refits after every change rather than trusting one big fit.
 *
 *   forwardSelection     add the best term while each one cuts the error enough (residual bases)
 *   backwardPath         drop the least useful term, one at a time, keeping every step (sparser variants)
 *   eliminateByHalves    drop the smallest half while the fit stays exact, then one by one (pooled monomials)
 *   sparsestNullVector   drop the smallest entries of a null vector while it stays one (rational N/D)
 */

/**
 * Least squares A X = B: QR when A is tall and of full rank, else the SVD's
 * minimum-norm solution (many candidate terms are nearly collinear). Null
 * when the solution is not finite.
 */
export function leastSquares(A: Matrix, B: Matrix): Matrix | null {
  if (A.rows >= A.columns) {
    const qr = new QrDecomposition(A);
    if (qr.isFullRank()) return qr.solve(B);
  }
  const svd = new SingularValueDecomposition(A, { autoTranspose: true });
  const x = svd.solve(B);
  for (const v of x.to1DArray()) if (!Number.isFinite(v)) return null;
  return x;
}

/** A fit over some terms: what it gives (a network, say) and its error. */
export interface TermsFit<F> {
  fitted: F | null;
  error: number;
}

/**
 * Forward selection: starting from no terms (whose error is `start`), adds
 * the candidate whose fit together with the chosen ones has the smallest
 * error, as long as that error is at most 1/gain of the last, up to
 * `maxTerms`. Returns the last accepted fit, or null if none was.
 */
export function forwardSelection<T, F>(candidates: T[], fit: (terms: T[]) => TermsFit<F>, start: number, maxTerms: number, gain: number): F | null {
  let chosen: T[] = [];
  let best: TermsFit<F> = { fitted: null, error: start };
  while (chosen.length < maxTerms) {
    let step: { term: T; fit: TermsFit<F> } | null = null;
    for (const term of candidates) {
      if (chosen.includes(term)) continue;
      const f = fit([...chosen, term]);
      if (!step || f.error < step.fit.error) step = { term, fit: f };
    }
    if (!step || !(step.fit.error * gain <= best.error)) break;
    chosen = [...chosen, step.term];
    best = step.fit;
  }
  return best.fitted;
}

/**
 * Backward path: from all `terms`, drops the one whose removal leaves the
 * smallest finite error, refits, and records the fit; `termsOf` says which
 * terms a fit kept (a refit may lose more than the one dropped). Each step
 * keeps strictly fewer terms, down to one.
 */
export function backwardPath<T, F>(terms: T[], fit: (terms: T[]) => TermsFit<F>, termsOf: (fitted: F) => T[]): F[] {
  const out: F[] = [];
  let live = terms;
  while (live.length > 1) {
    let step: { fitted: F; error: number } | null = null;
    for (let drop = 0; drop < live.length; drop++) {
      const f = fit(live.filter((_, h) => h !== drop));
      if (f.fitted === null) continue;
      if (Number.isFinite(f.error) && (!step || f.error < step.error)) step = { fitted: f.fitted, error: f.error };
    }
    if (!step) break;
    out.push(step.fitted);
    const next = termsOf(step.fitted);
    if (next.length >= live.length) break;
    live = next;
  }
  return out;
}

/** How close the whole pool must fit before elimination is worth trying. */
const POOL_START = 1e-6;

export interface Elimination {
  /** Indices of the kept columns. */
  columns: number[];
  coefficients: number[];
  /** ||fit - y|| / ||y|| on the rows given. */
  residual: number;
}

/**
 * Elimination by halves over feature columns ([column][row]): fit y on all
 * of them, then drop the columns that contribute least (half of them at a
 * time while that works, then fewer, then each remaining one in turn) as
 * long as the fit stays within `tol`. Null when even the whole set does not
 * fit y to `start` (1e-6 unless given), or the sparse fit misses `tol`.
 */
export function eliminateByHalves(features: number[][], y: number[], tol: number, start = POOL_START): Elimination | null {
  const n = y.length;
  let live = features.map((_, j) => j).filter((j) => features[j].every(Number.isFinite) && features[j].some((v) => v !== 0));
  if (live.length >= n) live = live.slice(0, n - 1);
  const norms = features.map((f) => Math.sqrt(f.reduce((s, v) => s + v * v, 0)) || 1);
  const yNorm = Math.sqrt(y.reduce((s, v) => s + v * v, 0)) || 1;
  const solve = (cols: number[]) => {
    if (cols.length === 0) return null;
    const A = new Matrix(n, cols.length);
    cols.forEach((c, k) => features[c].forEach((v, i) => A.set(i, k, v / norms[c])));
    const sol = leastSquares(A, Matrix.columnVector(y));
    const coef = sol ? cols.map((_, k) => sol.get(k, 0)) : [];
    if (!sol || !coef.every(Number.isFinite)) return null;
    let ss = 0;
    for (let i = 0; i < n; i++) {
      let p = 0;
      cols.forEach((c, k) => (p += (coef[k] * features[c][i]) / norms[c]));
      ss += (p - y[i]) ** 2;
    }
    return { cols, coef, residual: Math.sqrt(ss) / yNorm };
  };
  let cur = solve(live);
  // A large pool is ill-conditioned: its fit may miss `tol` until the redundant terms are gone.
  if (!cur || !(cur.residual <= start)) return null;
  // A drop is kept while the fit stays exact, or, before it is, no worse than twice what it was.
  const fine = (next: typeof cur) => next !== null && next.residual <= Math.max(tol, 2 * cur!.residual);
  let chunk = Math.floor(cur.cols.length / 2);
  while (chunk >= 1) {
    // Columns have unit norm, so |coefficient| is each term's contribution.
    const order = cur.cols.map((_, k) => k).sort((a, b) => Math.abs(cur!.coef[a]) - Math.abs(cur!.coef[b]));
    const drop = new Set(order.slice(0, chunk));
    const next = solve(cur.cols.filter((_, k) => !drop.has(k)));
    if (fine(next)) {
      cur = next!;
      chunk = Math.min(chunk, Math.floor(cur.cols.length / 2));
    } else chunk = Math.floor(chunk / 2);
  }
  // Halving drops the smallest first; a larger term may still be redundant.
  for (let k = cur.cols.length - 1; k >= 0 && cur.cols.length > 1; k--) {
    const next = solve(cur.cols.filter((_, i) => i !== k));
    if (fine(next)) cur = next!;
  }
  if (!(cur.residual <= tol)) return null;
  return { columns: cur.cols, coefficients: cur.cols.map((c, k) => cur!.coef[k] / norms[c]), residual: cur.residual };
}

/**
 * The unit vector theta minimising |A theta| (the right singular vector of
 * the smallest singular value), with A's columns scaled to unit norm first;
 * theta is returned in the original column scale. Also the smallest
 * singular value, which is 0 for an exact relation.
 */
export function nullVector(A: number[][]): { theta: number[]; sigma: number } | null {
  const cols = A[0]?.length ?? 0;
  if (cols === 0 || A.length < cols) return null;
  const norms = columnNorms(A, cols);
  const M = new Matrix(A.map((row) => row.map((v, j) => v / norms[j])));
  if (!M.to1DArray().every(Number.isFinite)) return null;
  const svd = new SingularValueDecomposition(M, { autoTranspose: false });
  const s = svd.diagonal;
  let k = 0;
  for (let j = 1; j < s.length; j++) if (s[j] < s[k]) k = j;
  const V = svd.rightSingularVectors;
  return { theta: Array.from({ length: cols }, (_, j) => V.get(j, k) / norms[j]), sigma: s[k] };
}

/**
 * A null vector with as few non-zero entries as keep the relation exact:
 * entries are dropped smallest first (in the unit-norm scale; the three
 * smallest are tried) while the smallest singular value stays within `tol`.
 * Dropped entries come back as exact zeros. An inexact relation is returned
 * as it is, for its error.
 */
export function sparsestNullVector(A: number[][], tol: number): { theta: number[]; sigma: number } | null {
  const full = nullVector(A);
  if (!full || full.sigma > tol) return full;
  const cols = A[0].length;
  const norms = columnNorms(A, cols);
  let live = Array.from({ length: cols }, (_, j) => j);
  let cur = full;
  for (;;) {
    const order = live.map((j, k) => ({ k, size: Math.abs(cur.theta[k] * norms[j]) })).sort((a, b) => a.size - b.size);
    let dropped = false;
    // The three smallest are the likely noise; a relation needs at least two terms.
    for (const { k } of order.slice(0, 3)) {
      if (live.length <= 2) break;
      const next = live.filter((_, i) => i !== k);
      const nv = nullVector(A.map((row) => next.map((j) => row[j])));
      if (nv && nv.sigma <= tol) {
        live = next;
        cur = nv;
        dropped = true;
        break;
      }
    }
    if (!dropped) break;
  }
  const theta = new Array(cols).fill(0);
  live.forEach((j, k) => (theta[j] = cur.theta[k]));
  return { theta, sigma: cur.sigma };
}

function columnNorms(A: number[][], cols: number): number[] {
  return Array.from({ length: cols }, (_, j) => Math.sqrt(A.reduce((s, row) => s + row[j] * row[j], 0)) || 1);
}
