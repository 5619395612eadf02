import type { FitEvent, ProgressEvent, StageEvent, StartEvent } from '../train/events.ts';
import type { FitResult, FitVerdict } from '../result.ts';
import type { SnappedLayer } from '../formula/evaluate.ts';
import { symbolNames } from '../formula/symbols.ts';
import { formulaUnicode } from '../export/unicode.ts';
import { networkGraphs, type GraphOutput } from '../export/graph.ts';
import { graphLines, GRAPH_LEGEND } from './graphText.ts';

/**
 * Everything the views show, built from the fit's events by `reduce` alone.
 * The views only format it; every derived figure (totals, ETA, Unicode
 * text, graph lines) is computed here, once per event.
 */
export interface UiState {
  /** The data file as the user named it. */
  source: string;
  start?: StartEvent;
  stage?: StageEvent;
  /** With several workers (--workers): the stage each one runs, by worker number. */
  workers?: Record<number, StageEvent>;
  progress?: ProgressEvent;
  /** Best and median loss of the current stage, one point per progress event (the last HISTORY). */
  history: { best: number[]; median: number[] };
  /** Seconds spent in the stages before the current one. */
  earlier: number;
  /** Seconds since the fit started, at the last progress event. */
  elapsed: number;
  /** Estimated seconds left in the current stage; it may end sooner, once every target is exact. */
  eta?: number;
  /** The best candidate so far for each target, in the order of the targets. */
  best: BestCandidate[];
  /** What the graph view draws: the best candidates' pruned graph while training, the result's once it is in. */
  graph: GraphState;
  /** Set once the user asked to stop: the fit is finishing with what it has. */
  stopping: boolean;
  done?: { exact: boolean; seconds: number; stoppedBy: FitResult['stoppedBy'] };
  result?: ResultView;
}

export interface BestCandidate {
  target: string;
  /** Unicode math, or empty while nothing was found. */
  formula: string;
  exact: boolean;
  error: number;
  /** The pruned, snapped network the formula was read from (empty while nothing was found). */
  network: SnappedLayer[];
}

export interface GraphState {
  /** The pruned graph as lines of box-drawing text, one block per stack shape, then the legend; empty while there is nothing to draw. */
  lines: string[];
  /** 'candidates': the best candidate of each target so far, redrawn as they improve; 'result': the chosen formulas, once the fit is done. */
  of: 'candidates' | 'result';
}

/** The finished fit, as the result view and the final screen show it. */
export interface ResultView {
  /** undecided: the formula fits every row, but the data has too few distinct rows to decide it. */
  outputs: Array<{ target: string; formula: string; latex: string; exact: boolean; undecided?: boolean; fit: FitVerdict; noise: number | null; train: number; test?: number }>;
  candidates: Array<{ target: string; formula: string; complexity: number; error: number; heldOut: number; exact: boolean; chosen: boolean }>;
  seconds: number;
  seed: number;
  stoppedBy: FitResult['stoppedBy'];
}

export type UiAction = FitEvent | { type: 'result'; result: FitResult } | { type: 'stopping' };

/** Points of loss history kept: more than any sparkline is wide. */
export const HISTORY = 200;

export function initialState(source: string): UiState {
  return { source, history: { best: [], median: [] }, earlier: 0, elapsed: 0, best: [], graph: { lines: [], of: 'candidates' }, stopping: false };
}

export function reduce(state: UiState, action: UiAction): UiState {
  switch (action.type) {
    case 'start':
      return { ...state, start: action, best: action.targets.map((target) => ({ target, formula: '', exact: false, error: NaN, network: [] })) };
    case 'stage':
      return {
        ...state,
        stage: action,
        workers: action.worker === undefined ? state.workers : { ...state.workers, [action.worker]: action },
        progress: undefined,
        eta: undefined,
        history: { best: [], median: [] },
        earlier: state.earlier + (state.progress?.elapsed ?? 0),
      };
    case 'progress': {
      // With several workers, the bars and the loss follow the stage shown; the others are listed by worker.
      if (action.worker !== undefined && state.stage && action.stage !== state.stage.index) return state;
      const eta = action.step > 0 ? (action.elapsed / action.step) * (action.steps - action.step) : undefined;
      return {
        ...state,
        progress: action,
        elapsed: state.earlier + action.elapsed,
        eta,
        history: { best: [...state.history.best, action.bestLoss].slice(-HISTORY), median: [...state.history.median, action.medianLoss].slice(-HISTORY) },
      };
    }
    case 'candidate': {
      const entry: BestCandidate = { target: action.target, formula: formulaUnicode(action.formula), exact: action.exact, error: action.error, network: action.network };
      const known = state.best.some((b) => b.target === action.target);
      const best = known ? state.best.map((b) => (b.target === action.target ? entry : b)) : [...state.best, entry];
      // Once the result is in, its graph stays: a late candidate does not replace the chosen formulas'.
      if (state.graph.of === 'result') return { ...state, best };
      const symbols = symbolNames(state.start?.inputs ?? []);
      return { ...state, best, graph: { lines: graphText(symbols, best.filter((b) => b.formula)), of: 'candidates' } };
    }
    case 'done':
      return { ...state, done: { exact: action.exact, seconds: action.seconds, stoppedBy: action.stoppedBy }, elapsed: action.seconds, eta: undefined };
    case 'stopping':
      return { ...state, stopping: true };
    case 'result':
      return { ...state, result: resultView(action.result), graph: { lines: graphText(action.result.symbols, action.result.outputs), of: 'result' } };
  }
}

/** The pruned graph of some outputs (the candidates' or the result's), one block per stack shape, then the legend. */
function graphText(symbols: string[], outputs: GraphOutput[]): string[] {
  const graphs = networkGraphs({ symbols, outputs });
  const lines = graphs.flatMap((g, i) => [...(i > 0 ? [''] : []), ...graphLines(g)]);
  if (graphs.length) lines.push('', GRAPH_LEGEND);
  return lines;
}

function resultView(result: FitResult): ResultView {
  return {
    outputs: result.outputs.map((o) => ({
      target: o.target,
      formula: o.formula ? formulaUnicode(o.formula) : '',
      latex: o.latex,
      exact: o.exact,
      ...(o.undecided ? { undecided: true } : {}),
      fit: o.fit,
      noise: o.noise?.sigma ?? null,
      train: o.metrics.train.maxRelError,
      test: o.metrics.test?.maxRelError,
    })),
    candidates: result.candidates.map((c) => ({ target: c.target, formula: formulaUnicode(c.formula), complexity: c.complexity, error: c.error, heldOut: c.heldOut, exact: c.exact, chosen: c.chosen })),
    seconds: result.seconds,
    seed: result.seed,
    stoppedBy: result.stoppedBy,
  };
}
