import type { SnappedLayer } from './formula/evaluate.ts';
import type { Undecided } from './result/decidable.ts';
import type { Metrics } from './formula/verify.ts';
import type { Extractor } from './train/screen.ts';
import type { StageDescription } from './train/events.ts';
import type { StageEnd } from './train/stage.ts';
import type { StopReason } from './train/rounds.ts';

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
  rows: { train: number; test?: number };
}
