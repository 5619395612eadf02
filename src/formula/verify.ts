import type { MathNode } from 'mathjs';

/** Relative error a formula may show and still count as exact: float64 rounding, with room for cancellation. */
export const REL_TOL = 1e-9;
/** Rows whose target is near 0 are judged against this share of the target's RMS instead. */
const NEAR_ZERO = 1e-3;

export interface Metrics {
  rows: number;
  mse: number;
  maxAbsError: number;
  /** max |f - y| / max(|y|, 1e-3 * rms(y)) */
  maxRelError: number;
  /** sqrt(mse) / rms(y): the error relative to the target's size, over all rows. */
  rmsRelError: number;
}

export interface Check {
  metrics: Metrics;
  /** True when every row is within rounding level (plus the precision the target was written with). */
  exact: boolean;
  /** Index of the row with the worst error relative to its tolerance. */
  worstRow: number;
}

/** Compares predictions with targets in float64. precision: per-row half-unit of the written target, if known. */
export function checkPredictions(pred: ArrayLike<number>, truth: ArrayLike<number>, precision?: ArrayLike<number>): Check {
  const n = truth.length;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += truth[i] * truth[i];
  const floor = NEAR_ZERO * Math.sqrt(ss / Math.max(1, n));
  let sq = 0;
  let maxAbs = 0;
  let maxRel = 0;
  let worst = 0;
  let worstRatio = -1;
  let exact = n > 0;
  for (let i = 0; i < n; i++) {
    const err = Math.abs(pred[i] - truth[i]);
    const scale = Math.max(Math.abs(truth[i]), floor) || 1;
    const tol = REL_TOL * scale + (precision ? precision[i] : 0);
    const ok = err <= tol;
    if (!ok) exact = false;
    const ratio = Number.isFinite(err) ? err / tol : Infinity;
    if (ratio > worstRatio || Number.isNaN(err)) {
      worstRatio = Number.isNaN(err) ? Infinity : ratio;
      worst = i;
    }
    sq += err * err;
    maxAbs = Math.max(maxAbs, err);
    maxRel = Math.max(maxRel, err / scale);
    if (Number.isNaN(err)) {
      sq = NaN;
      maxAbs = NaN;
      maxRel = NaN;
    }
  }
  const mse = sq / Math.max(1, n);
  const rmsRel = Math.sqrt(mse) / (Math.sqrt(ss / Math.max(1, n)) || 1);
  return { metrics: { rows: n, mse, maxAbsError: maxAbs, maxRelError: maxRel, rmsRelError: rmsRel }, exact, worstRow: worst };
}

/** Evaluates a formula tree on rows in float64. A complex or non-numeric result counts as NaN. */
export function evaluateFormula(node: MathNode, symbols: string[], rows: number[][]): Float64Array {
  const code = node.compile();
  const out = new Float64Array(rows.length);
  const scope = new Map<string, number>();
  rows.forEach((row, i) => {
    symbols.forEach((s, j) => scope.set(s, row[j]));
    const v = code.evaluate(scope);
    out[i] = typeof v === 'number' ? v : NaN;
  });
  return out;
}
