import type { SnappedLayer } from './formula/evaluate.ts';
import type { Undecided } from './result/decidable.ts';
import type { Metrics } from './formula/verify.ts';
import type { Extractor } from './train/screen.ts';
import type { StageDescription } from './train/events.ts';
import type { StageEnd } from './train/stage.ts';
import type { StopReason } from './train/rounds.ts';
import type { ConstantEstimate } from './result/noisy.ts';
import type { Criterion } from './result/selection.ts';

/**
 * How a formula fits the data: `exact` to rounding level on every row;
 * `within-noise` when no formula is exact but its held-out error is
 * consistent with the noise the data show and the selection criterion
 * prefers no other; `best-effort` otherwise.
 */
export type FitVerdict = 'exact' | 'within-noise' | 'best-effort';

/** The formula found for one target. */
export interface OutputResult {
  target: string;
  /** mathjs syntax; math.parse reads it back to the same tree. */
  formula: string;
  latex: string;
  /** The mathjs node tree as JSON (revive with math.reviver). */
  expression: unknown;
  /**
   * True only when the float64 error is at rounding level on every training row and on the test rows, if
   * given, and the data has enough distinct rows to decide the formula (see `undecided`).
   */
  exact: boolean;
  /** Node count of the tree. */
  complexity: number;
  metrics: { train: Metrics; test?: Metrics };
  fit: FitVerdict;
  /**
   * The noise the target shows when no formula is exact (null otherwise):
   * its standard deviation, and that relative to the target's RMS.
   */
  noise: { sigma: number; relative: number } | null;
  /** Relative RMS error on the held-out training rows, with the coefficients fitted on the others (null when exact). */
  heldOut: { rows: number; rmsRelError: number } | null;
  /** Each fitted constant of a formula that is not exact, with its standard error and interval, and the exact form printed, if one was taken. */
  constants: ConstantEstimate[];
  /**
   * When nothing is exact: the formula each selection criterion would report
   * (result/selection.ts), for comparing them on the same candidates. Not
   * part of the JSON.
   */
  alternatives?: Partial<Record<Criterion, string>>;
  /** Where it came from: the stage, step and restart, and how the last layer was read. */
  source: { stage: number; stack: string; step: number; restart: number; extractor: Extractor } | null;
  /** The pruned, snapped network behind the formula (for the graph view). */
  network: SnappedLayer[];
  /** Present when the formula fits every row but the data has too few distinct rows to decide it (see decidable.ts): then it is not exact. */
  undecided?: Undecided;
}

/** One row of the candidate table: every distinct formula considered for a target. */
export interface CandidateRow {
  target: string;
  formula: string;
  complexity: number;
  /** Largest relative error on the training rows. */
  error: number;
  /** Relative RMS error on the training rows. */
  rmsError: number;
  /** Relative RMS error on the held-out training rows (coefficients fitted on the others when nothing is exact). */
  heldOut: number;
  /** When nothing is exact: whether its held-out error is consistent with the noise. */
  withinNoise?: boolean;
  exact: boolean;
  /** On the Pareto front of complexity and error: no other candidate is as simple and more accurate. */
  pareto: boolean;
  /** PySR's score: the drop in log error per node since the next simpler front member (0 off the front). */
  score: number;
  chosen: boolean;
  stage: number;
  step: number;
}

/** A stage that ran: the targets it was opened for, how it ended and how long it took. */
export interface StageRecord extends StageDescription {
  end: StageEnd;
  seconds: number;
}

export interface FitResult {
  /** The input column names, in order. */
  inputs: string[];
  /** The identifier each input has in the formulas (the column name unless it is not a plain identifier). */
  symbols: string[];
  outputs: OutputResult[];
  candidates: CandidateRow[];
  stages: StageRecord[];
  seed: number;
  seconds: number;
  backend: string;
  stoppedBy: StopReason;
  /** Training rows (of which `heldOut` were held out to judge formulas under noise) and test rows. */
  rows: { train: number; heldOut: number; test?: number };
}
