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
  const tally = new CheckTally(truth);
  tally.add(pred, truth, precision);
  return tally.result();
}

/**
 * A Check built from rows given piece by piece (a large file's chunks).
 * A row near 0 is judged against the RMS of the whole target column, so the
 * column is given first; its pieces must then come in order. One piece
 * holding every row gives checkPredictions's result, bit for bit.
 */
export class CheckTally {
  private readonly n: number;
  private readonly ss: number;
  private readonly floor: number;
  private seen = 0;
  private sq = 0;
  private maxAbs = 0;
  private maxRel = 0;
  private worst = 0;
  private worstRatio = -1;
  private exact: boolean;

  constructor(column: ArrayLike<number>) {
    this.n = column.length;
    let ss = 0;
    for (let i = 0; i < this.n; i++) ss += column[i] * column[i];
    this.ss = ss;
    this.floor = NEAR_ZERO * Math.sqrt(ss / Math.max(1, this.n));
    this.exact = this.n > 0;
  }

  /** The next rows: predictions, targets and written precision, all of one length. */
  add(pred: ArrayLike<number>, truth: ArrayLike<number>, precision?: ArrayLike<number>): void {
    for (let i = 0; i < truth.length; i++) {
      const err = Math.abs(pred[i] - truth[i]);
      const scale = Math.max(Math.abs(truth[i]), this.floor) || 1;
      const tol = REL_TOL * scale + (precision ? precision[i] : 0);
      const ok = err <= tol;
      if (!ok) this.exact = false;
      const ratio = Number.isFinite(err) ? err / tol : Infinity;
      if (ratio > this.worstRatio || Number.isNaN(err)) {
        this.worstRatio = Number.isNaN(err) ? Infinity : ratio;
        this.worst = this.seen + i;
      }
      this.sq += err * err;
      this.maxAbs = Math.max(this.maxAbs, err);
      this.maxRel = Math.max(this.maxRel, err / scale);
      if (Number.isNaN(err)) {
        this.sq = NaN;
        this.maxAbs = NaN;
        this.maxRel = NaN;
      }
    }
    this.seen += truth.length;
  }

  result(): Check {
    const n = this.n;
    const mse = this.sq / Math.max(1, n);
    const rmsRel = Math.sqrt(mse) / (Math.sqrt(this.ss / Math.max(1, n)) || 1);
    return { metrics: { rows: n, mse, maxAbsError: this.maxAbs, maxRelError: this.maxRel, rmsRelError: rmsRel }, exact: this.exact, worstRow: this.worst };
  }
}

/** Rows per piece when a formula is checked on columns: a few hundred kilobytes of predictions at a time. */
const CHUNK_ROWS = 65536;

/**
 * Checks a formula on data held as columns (x[input][row], one target
 * column and its precision), evaluated chunk by chunk, so a file of any
 * size is checked on every row without a row-major copy of it.
 */
export function checkFormula(node: MathNode, symbols: string[], x: ArrayLike<number>[], truth: Float64Array, precision?: Float64Array, chunk = CHUNK_ROWS): Check {
  const code = node.compile();
  const scope = new Map<string, number>();
  const tally = new CheckTally(truth);
  const pred = new Float64Array(Math.min(chunk, truth.length));
  for (let start = 0; start < truth.length; start += chunk) {
    const end = Math.min(truth.length, start + chunk);
    for (let i = start; i < end; i++) {
      symbols.forEach((s, j) => scope.set(s, x[j][i]));
      const v = code.evaluate(scope);
      pred[i - start] = typeof v === 'number' ? v : NaN;
    }
    tally.add(pred.subarray(0, end - start), truth.subarray(start, end), precision?.subarray(start, end));
  }
  return tally.result();
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
