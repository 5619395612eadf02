import { evaluateSnapped, type SnappedLayer } from '../formula/evaluate.ts';
import { refitLastLayer } from '../formula/refit.ts';
import type { Rows } from './screen.ts';

/**
 * Residual stages. When a sum of monomials has one small term, like
 * -alpha c^2/d^2 beside 8.4 G rho, restarts fit the large term and never
 * see the small one. A residual stage takes the best m -> a network found
 * so far (the base), refits its last layer on the training rows, and trains
 * a fresh m -> a network on what the base leaves over, in which the missing
 * term is as large as the base's error. Its monomials then join the base's
 * and the union is refitted on the target itself.
 */

/** Terms smaller than this share of the largest are left out of a base: they are what absorbed the missing term. */
const MAJOR = 0.2;

/**
 * The base's major terms with their coefficients refitted on `rows` (target
 * in column `o`). Minor terms go: they are the base's attempt to mimic the
 * missing term, and leaving them in would leave only noise to fit.
 */
export function refitBase(base: SnappedLayer[], rows: Rows, o: number): SnappedLayer[] | null {
  const target = rows.y.map((t) => [t[o]]);
  const full = refitLastLayer(base, rows.x, target)?.layers;
  if (!full) return null;
  const hidden = evaluateSnapped([full[0]], rows.x);
  const w = full[1].weights[0];
  const size = w.map((c, h) => Math.abs(c) * Math.sqrt(hidden.reduce((s, row) => s + row[h] * row[h], 0)));
  const largest = Math.max(...size);
  const major = full[0].weights.filter((_, h) => size[h] >= MAJOR * largest && size[h] > 0);
  const m: SnappedLayer = { kind: 'caluM', weights: major };
  return refitLastLayer([m, { kind: 'caluA', weights: [major.map(() => 0)] }], rows.x, target)?.layers ?? null;
}

/** The target minus the refitted base's prediction, per row. */
export function residualOf(base: SnappedLayer[], rows: Rows, o: number): number[] {
  const pred = evaluateSnapped(base, rows.x);
  return rows.y.map((t, i) => t[o] - pred[i][0]);
}

/** The base's monomials and a restart's together, its last layer refitted on the target (column `o` of rows). */
export function unionNetwork(base: SnappedLayer[], snapped: SnappedLayer[], rows: Rows, o: number): SnappedLayer[] | null {
  const m: SnappedLayer = { kind: 'caluM', weights: [...base[0].weights, ...snapped[0].weights] };
  const a: SnappedLayer = { kind: 'caluA', weights: [m.weights.map(() => 0)] };
  return refitLastLayer([m, a], rows.x, rows.y.map((t) => [t[o]]))?.layers ?? null;
}

