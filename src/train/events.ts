import type { SnappedLayer } from '../formula/evaluate.ts';
import type { StopReason } from './rounds.ts';

/**
 * What a fit reports while it runs. The UI and the CLI's plain progress
 * lines are built from these alone; the trainer never imports the UI.
 */
export type FitEvent = StartEvent | StageEvent | ProgressEvent | CandidateEvent | DoneEvent;

export interface StartEvent {
  type: 'start';
  inputs: string[];
  targets: string[];
  rows: number;
  backend: string;
  seed: number;
  maxSeconds: number;
}

/** A stage as the UI and the result list it. */
export interface StageDescription {
  /** 1-based. */
  index: number;
  /** The stack in short notation, e.g. "2 5:m 1:a". */
  stack: string;
  q: string;
  restarts: number;
  steps: number;
  /** The targets this stage trains for (those still without an exact formula). */
  targets: string[];
}

export interface StageEvent extends StageDescription {
  type: 'stage';
  /** The worker running it, numbered from 1, when stages run on a queue's workers (--queue). */
  worker?: number;
  /** With --workers N: how many of its restarts each thread trains, this one first. */
  shares?: number[];
}

export interface ProgressEvent {
  type: 'progress';
  stage: number;
  /** As in StageEvent. */
  worker?: number;
  step: number;
  steps: number;
  elapsed: number;
  /** Lowest normalized training MSE over the restarts at this step. */
  bestLoss: number;
  medianLoss: number;
  restarts: number;
  /** Restarts whose training loss is below 1e-6. */
  converged: number;
  /** Restarts whose snapped network is exact for every target of the stage (at the last snap). */
  exact: number;
  /** Share of quantized weights within 0.05 of a value in Q (at the last snap). */
  settled: number;
  /** Restarts re-initialised after a NaN or Inf so far in this stage. */
  blownUp: number;
}

export interface CandidateEvent {
  type: 'candidate';
  target: string;
  formula: string;
  exact: boolean;
  /** Largest relative error on the training rows. */
  error: number;
  stage: number;
  step: number;
  /** The pruned, snapped network the formula was read from. */
  network: SnappedLayer[];
}

export interface DoneEvent {
  type: 'done';
  exact: boolean;
  seconds: number;
  stoppedBy: StopReason;
}

export type EventSink = (e: FitEvent) => void;
