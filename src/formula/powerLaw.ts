import { Matrix, QrDecomposition } from 'ml-matrix';

/**
 * The power law that fits log|y| best, with its exponents rounded to
 * integers: what one CALUm unit converges to in log space. Used for a
 * target's dominant monomial and for the monomial a residual calls for.
 * Rows where y is 0 are left out. Null unless every input is positive, or
 * when the monomial is 1.
 */
export function powerLaw(x: number[][], y: number[]): number[] | null {
  const rows = x.map((row, i) => ({ row, v: y[i] })).filter((r) => r.v !== 0 && Number.isFinite(r.v));
  const n = x[0]?.length ?? 0;
  if (rows.length < n + 2 || !x.every((row) => row.every((v) => v > 0))) return null;
  const A = new Matrix(rows.length, n + 1);
  rows.forEach(({ row }, i) => {
    A.set(i, 0, 1);
    row.forEach((v, j) => A.set(i, j + 1, Math.log(v)));
  });
  const qr = new QrDecomposition(A);
  if (!qr.isFullRank()) return null;
  const sol = qr.solve(Matrix.columnVector(rows.map((r) => Math.log(Math.abs(r.v)))));
  const e = Array.from({ length: n }, (_, j) => Math.round(sol.get(j + 1, 0)) + 0);
  return e.some((v) => v !== 0) ? e : null;
}
