import type { Dataset } from '../data/dataset.ts';
import type { Rows } from '../data/rows.ts';
import type { BackendName } from '../engine/backend.ts';
import type { BookOptions, Standing } from '../result/book.ts';
import type { Found, StageJob, StageOutcome } from '../train/stage.ts';
import type { Running } from '../train/speculation.ts';

/**
 * What crosses to a stage worker and back: plain data only, so the same
 * task runs on another machine (through the queue).
 */

/** What every stage of one fit shares: sent once per worker. */
export interface StageContext {
  data: Dataset;
  test?: Dataset;
  /** The rows every stage trains, screens and pools on (the fit's search rows); `all` are the rows the book reads formulas on. */
  rows: { all: Rows; sample: Rows; pool: Rows };
  /** rows.all are every row of the data, in order. */
  everyRow: boolean;
  symbols: string[];
  positive: boolean[];
  /** What the book's copies are made with: the validation split's seed and the selection criterion (see CandidateBook). */
  book: BookOptions;
  backend?: BackendName;
}

/** One stage to run, and where the candidate book stood for its targets when it started. */
export interface StageTask {
  /** The stage's job, but for its rows: those are the context's. */
  job: Omit<StageJob, 'rows'>;
  /** Per trained target (job.outputs), the book's standing: the worker's copy of the book starts there. */
  standing: Standing[];
}

/**
 * What the stage asked of its copy of the book, in order, with the answer:
 * an offer, and whether the target was then solved; or whether the target
 * was settled within noise (asked at a snap, see runStage).
 */
export type Offer = { output: number; found: Found; solved: boolean } | { output: number; settled: boolean };

/** Starts stages somewhere (machines serving a queue) and stops them. */
export interface StageRunner {
  start(task: StageTask): Running<StageDone>;
  /** Asks every running stage to stop at its next step. */
  stopAll(): void;
  close(): Promise<void>;
}

/** What a stage sends back: its outcome, and every offer in order (the main thread replays them into the book). */
export interface StageDone extends StageOutcome {
  /** Per trained target, whether the book's copy held it solved before any offer. */
  startSolved: boolean[];
  offers: Offer[];
  seconds: number;
}
