import { evaluateSnapped, type SnappedLayer } from './evaluate.ts';
import { refitLastLayer } from './refit.ts';
import { splitFeatures } from './features.ts';
import { recognize } from './constants.ts';
import { checkPredictions } from './verify.ts';
import type { Rows } from '../data/rows.ts';

/**
 * A feature's scale that is no value of Q. The argument of exp(h omega /
 * (2 pi kb T)) or sin(2 pi E t / h) carries a constant the complex Q does
 * not hold: training settles near it (the quantizer's expectation sits
 * between values of Q), but snapping moves it to the nearest value and the
 * fit is lost. So the weight is refined in float64, from where training
 * left it: the one-dimensional least error of the network with its last
 * layer refitted, found by golden-section search; then its simplest exact
 * form (a rational times pi^k, ...) is taken if the network with it is
 * exact on the rows. One feature unit, one non-zero weight into it.
 */
export function refineScale(snapped: SnappedLayer[], trained: SnappedLayer[], rows: Rows): SnappedLayer[] | null {
  const { block, tail } = splitFeatures(snapped);
  const last = block[block.length - 1];
  const start = splitFeatures(trained).block.at(-1);
  if (!last || last.kind !== 'caluE' || last.weights.length !== 1 || !start || tail.length === 0) return null;
  // The one weight into the unit: its real part (exp) or its imaginary part (a turn).
  const entries = [...last.weights[0].map((w, j) => ({ part: 're' as const, j, w })), ...(last.imag?.[0] ?? []).map((w, j) => ({ part: 'im' as const, j, w }))].filter((e) => e.w !== 0);
  if (entries.length !== 1) return null;
  const { part, j } = entries[0];
  const w0 = part === 're' ? start.weights[0][j] : (start.imag?.[0][j] ?? 0);
  if (!Number.isFinite(w0) || w0 === 0) return null;
  const withScale = (w: number): SnappedLayer[] => {
    const unit = { ...last, weights: last.weights.map((r) => [...r]), imag: (last.imag ?? last.weights.map((r) => r.map(() => 0))).map((r) => [...r]) };
    (part === 're' ? unit.weights : unit.imag)[0][j] = w;
    return [...block.slice(0, -1), unit, ...tail];
  };
  const error = (w: number) => fitted(withScale(w), rows)?.error ?? Infinity;
  const w = goldenSection(error, w0 * 0.7, w0 * 1.3, 40);
  for (const form of recognize(w, Math.abs(w) * 1e-3).slice(0, 12)) {
    const fit = fitted(withScale(form.value), rows);
    if (fit?.exact) return fit.layers;
  }
  return null;
}

/** The network with its last layer refitted on the rows, its relative RMS error and whether it is exact. */
function fitted(layers: SnappedLayer[], rows: Rows): { layers: SnappedLayer[]; error: number; exact: boolean } | null {
  const refit = refitLastLayer(layers, rows.x, rows.y);
  if (!refit) return null;
  const check = checkPredictions(evaluateSnapped(refit, rows.x).map((o) => o[0]), rows.y.map((t) => t[0]), rows.precision.map((p) => p[0]));
  return { layers: refit, error: Number.isFinite(check.metrics.rmsRelError) ? check.metrics.rmsRelError : Infinity, exact: check.exact };
}

/** The minimum of f on [a, b], to `iterations` golden-section steps. */
function goldenSection(f: (x: number) => number, a: number, b: number, iterations: number): number {
  const g = (Math.sqrt(5) - 1) / 2;
  let lo = Math.min(a, b);
  let hi = Math.max(a, b);
  let x1 = hi - g * (hi - lo);
  let x2 = lo + g * (hi - lo);
  let f1 = f(x1);
  let f2 = f(x2);
  for (let i = 0; i < iterations; i++) {
    if (f1 < f2) {
      hi = x2;
      x2 = x1;
      f2 = f1;
      x1 = hi - g * (hi - lo);
      f1 = f(x1);
    } else {
      lo = x1;
      x1 = x2;
      f1 = f2;
      x2 = lo + g * (hi - lo);
      f2 = f(x2);
    }
  }
  return f1 < f2 ? x1 : x2;
}
