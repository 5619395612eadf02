import { monomials, type SnappedLayer } from './evaluate.ts';
import { eliminateByHalves } from './sparse.ts';

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

/**
 * The sparse exact sum of pooled monomials for one target column y: an
 * m -> a network found by elimination by halves (see sparse.ts), or null
 * when the pool holds no combination within `tol` (relative L2 residual).
 */
export function poolSum(pool: number[][], x: number[][], y: number[], tol: number): SnappedLayer[] | null {
  const features = pool.map((e) => x.map((row) => monomials([e], row)[0]));
  const sel = eliminateByHalves(features, y, tol);
  if (!sel) return null;
  return [
    { kind: 'caluM', weights: sel.columns.map((c) => pool[c]) },
    { kind: 'caluA', weights: [sel.coefficients] },
  ];
}
