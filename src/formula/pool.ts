import { Matrix, QrDecomposition, SingularValueDecomposition } from 'ml-matrix';

/** How close the whole pool must fit before elimination is worth trying. */
const START = 1e-6;
import { monomials } from './evaluate.ts';

/**
 * Exponent vectors proposed by every restart's CALUm units: each unit's
 * snapped exponents, and, for a unit whose exponents have not settled,
 * every combination of the two values of Q nearest each unsettled one,
 * weighted by closeness. Most supported first, at most `limit`.
 * trained, snapped: [restart][unit][input]; q: the values of Q.
 */
export function proposeMonomials(trained: number[][][], snapped: number[][][], q: readonly number[], limit: number): number[][] {
  const count = new Map<string, { e: number[]; n: number }>();
  const add = (e: number[], weight: number) => {
    const key = e.join(',');
    const c = count.get(key);
    if (c) c.n += weight;
    else count.set(key, { e, n: weight });
  };
  snapped.forEach((units, r) =>
    units.forEach((e, h) => {
      const t = trained[r][h];
      const choices = t.map((v, j) => (Math.abs(v - e[j]) < 0.1 ? [e[j]] : twoNearest(q, v)));
      if (choices.reduce((n, c) => n * c.length, 1) > 16) {
        add(e, 1);
        return;
      }
      let combos: number[][] = [[]];
      for (const c of choices) combos = combos.flatMap((prefix) => c.map((v) => [...prefix, v]));
      // Each reading of the unit counts by how close the trained exponents are to it (the snapped one most).
      for (const alt of combos) add(alt, alt.reduce((w, v, j) => w * Math.max(0, 1 - Math.abs(t[j] - v)), 1));
    }),
  );
  return [...count.values()]
    .sort((a, b) => b.n - a.n || a.e.join(',').localeCompare(b.e.join(',')))
    .slice(0, limit)
    .map((c) => c.e);
}

function twoNearest(q: readonly number[], v: number): number[] {
  return [...q].sort((a, b) => Math.abs(a - v) - Math.abs(b - v) || a - b).slice(0, 2);
}

export interface Selection {
  terms: number[][];
  coefficients: number[];
  /** ||fit - y|| / ||y|| on the rows given. */
  residual: number;
}

/**
 * Backward elimination over a pool of monomials: fit y by least squares on
 * all of them, then drop the terms that contribute least (half of them at a
 * time while that works, then fewer) as long as the fit stays within `tol`.
 * Returns the sparse exact combination, or null when even the whole pool
 * does not fit y exactly.
 */
export function eliminate(pool: number[][], x: number[][], y: number[], tol: number): Selection | null {
  const features = pool.map((e) => x.map((row) => monomials([e], row)[0]));
  let live = pool.map((_, j) => j).filter((j) => features[j].every(Number.isFinite) && features[j].some((v) => v !== 0));
  if (live.length >= x.length) live = live.slice(0, x.length - 1);
  const norms = features.map((f) => Math.sqrt(f.reduce((s, v) => s + v * v, 0)) || 1);
  const yNorm = Math.sqrt(y.reduce((s, v) => s + v * v, 0)) || 1;
  const solve = (cols: number[]) => {
    if (cols.length === 0) return null;
    const A = new Matrix(x.length, cols.length);
    cols.forEach((c, k) => features[c].forEach((v, i) => A.set(i, k, v / norms[c])));
    // Many pooled monomials are nearly collinear; a rank-deficient pool still gets a least-squares fit.
    const qr = new QrDecomposition(A);
    const sol = qr.isFullRank() ? qr.solve(Matrix.columnVector(y)) : new SingularValueDecomposition(A, { autoTranspose: true }).solve(Matrix.columnVector(y));
    const coef = cols.map((_, k) => sol.get(k, 0));
    if (!coef.every(Number.isFinite)) return null;
    let ss = 0;
    for (let i = 0; i < x.length; i++) {
      let p = 0;
      cols.forEach((c, k) => (p += (coef[k] * features[c][i]) / norms[c]));
      ss += (p - y[i]) ** 2;
    }
    return { cols, coef, residual: Math.sqrt(ss) / yNorm };
  };
  let cur = solve(live);
  // A large pool is ill-conditioned: its fit may miss `tol` until the redundant terms are gone.
  if (!cur || !(cur.residual <= START)) return null;
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
  return {
    terms: cur.cols.map((c) => pool[c]),
    coefficients: cur.cols.map((c, k) => cur!.coef[k] / norms[c]),
    residual: cur.residual,
  };
}
