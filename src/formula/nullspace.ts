import { Matrix, SingularValueDecomposition } from 'ml-matrix';

/**
 * The unit vector theta minimising |A theta| (the right singular vector of
 * the smallest singular value), with A's columns scaled to unit norm first;
 * theta is returned in the original column scale. Also the smallest
 * singular value, which is 0 for an exact relation.
 */
export function nullVector(A: number[][]): { theta: number[]; sigma: number } | null {
  const cols = A[0]?.length ?? 0;
  if (cols === 0 || A.length < cols) return null;
  const norms = Array.from({ length: cols }, (_, j) => Math.sqrt(A.reduce((s, row) => s + row[j] * row[j], 0)) || 1);
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
 * entries are dropped smallest first (in the unit-norm scale) while the
 * smallest singular value stays within `tol`.
 * Dropped entries come back as exact zeros.
 */
export function sparseNullVector(A: number[][], tol: number): { theta: number[]; sigma: number } | null {
  const full = nullVector(A);
  // Only an exact relation is worth making sparse; an inexact one is returned as it is, for its error.
  if (!full || full.sigma > tol) return full;
  const cols = A[0].length;
  const norms = Array.from({ length: cols }, (_, j) => Math.sqrt(A.reduce((s, row) => s + row[j] * row[j], 0)) || 1);
  const limit = tol;
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
      if (nv && nv.sigma <= limit) {
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
