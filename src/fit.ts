import { initBackend, type BackendName } from './engine/backend.ts';
import { DEFAULT_MAX_SECONDS, DEFAULT_SEED } from './defaults.ts';
import { CaluError } from './errors.ts';
import type { Dataset } from './data/dataset.ts';
import { distinctPoints, minimumRows, requireRows } from './data/dataset.ts';
import { rowsOf, sampleRows, type Rows } from './data/rows.ts';
import { searchIndices } from './data/subsample.ts';
import { minOf } from './util/extent.ts';
import { symbolNames } from './formula/symbols.ts';
import { powerLaw } from './formula/powerLaw.ts';
import { describeQ } from './calu/qset.ts';
import { describeStack } from './calu/stack.ts';
import { Random } from './util/random.ts';
import { forTargets, planRound, stageApplies, stageLabel, type StageSpec } from './train/recipe.ts';
import { runRounds } from './train/rounds.ts';
import { runStage, type Base, type StageEnd } from './train/stage.ts';
import type { ShareRunner } from './train/shares.ts';
import { resolveTransform, transformName } from './train/transform.ts';
import { checkFloat32Range } from './train/float32.ts';
import type { EventSink } from './train/events.ts';
import type { FitResult, StageRecord } from './result.ts';
import { CandidateBook } from './result/book.ts';
import type { Criterion } from './result/selection.ts';
import { parseQueueUrl } from './queue/connection.ts';

export interface FitOptions {
  /** A stack such as "8 50:CALUm 3:CALUa" or "50:m 3:a"; calu searches its own when absent. */
  layers?: string;
  /** Q for layers that do not name their own: a preset (int, half, ...), a range -3..3 or a list. */
  q?: string;
  restarts?: number;
  /** Nominal schedule length per stage. */
  steps?: number;
  seed?: number;
  /** Wall-clock budget; when it runs out the best snapped candidate is returned, marked inexact. */
  maxSeconds?: number;
  /** Rows from outside the training range, to prove the formula on. */
  test?: Dataset;
  onEvent?: EventSink;
  /** Aborting it stops the fit at its next step; the result holds the best formulas so far, verified (stoppedBy 'stopped'). */
  signal?: AbortSignal;
  /** Polled between steps: return true to stop early and keep the best formula so far. */
  shouldStop?: () => boolean;
  backend?: BackendName;
  /** How a formula is chosen when none is exact (see result/selection.ts). */
  criterion?: Criterion;
  /**
   * Threads that train each stage, its restarts split across that many
   * pool threads while this one reads them (1, the default: all in this
   * thread; the CLI's default is the number of cores); with `queue`,
   * stages in flight.
   * The seed fixes the result whatever the number (see train/shares.ts).
   */
  workers?: number;
  /** A Redis URL (redis://host:port): stages run as BullMQ jobs on the machines running `calu worker` for it; the book stays here. */
  queue?: string;
}

export { DEFAULT_SEED, DEFAULT_MAX_SECONDS };
/**
 * Rows the search trains, screens and reads formulas on: every row of a
 * file up to this size, else a seeded subsample that covers the ranges
 * (subsample.ts). Every formula is checked on every row all the same.
 */
export const SEARCH_ROWS = 4096;
/** Rows each snapshot is screened and refitted on before a full check. */
const SAMPLE_ROWS = 128;
/** Rows the pooled monomials of all restarts are fitted on (it holds at most half as many monomials). */
const POOL_ROWS = 384;

/**
 * Trains CALU networks on the data and returns the formula for every target,
 * proved in float64: validate the data and options, prepare what every
 * stage shares, run the plan round by round, and read out the result.
 */
export async function fit(data: Dataset, options: FitOptions = {}): Promise<FitResult> {
  validate(data, options);
  const seed = options.seed ?? DEFAULT_SEED;
  const maxSeconds = options.maxSeconds ?? DEFAULT_MAX_SECONDS;
  const emit: EventSink = options.onEvent ?? (() => {});
  const backend = await initBackend(options.backend);
  const started = performance.now();
  const search = prepare(data, seed, performance.timeOrigin + started + maxSeconds * 1000);
  emit({ type: 'start', inputs: data.inputs, targets: data.targets, rows: data.rows, backend, seed, maxSeconds });
  // Counted once per number asked for: with few distinct rows, a count walks every row of the file.
  const counted = new Map<number, number>();
  const distinct = (enough: number) => counted.get(enough) ?? counted.set(enough, distinctPoints(options.test ? [data, options.test] : [data], enough)).get(enough)!;
  const searched = { rows: search.rows.all, everyRow: search.everyRow, distinct };
  const book = new CandidateBook(data, searched, search.symbols, search.positive, emit, { seed, criterion: options.criterion });
  const workers = options.workers ?? 1;
  // Piscina and the worker threads are loaded only for --workers above 1, Redis only for --queue.
  const { stages, stoppedBy } = options.queue
    ? await (await import('./queue/queueRounds.ts')).queueRounds(data, options, search, book, emit, backend)
    : await rounds(data, options, search, book, emit, workers > 1 ? new (await import('./parallel/pool.ts')).SharePool(workers, search.rows, backend) : undefined);
  const { outputs, candidates } = book.finish(stages, options.test);
  const seconds = (performance.now() - started) / 1000;
  emit({ type: 'done', exact: outputs.every((o) => o.exact), seconds, stoppedBy });
  return {
    inputs: data.inputs,
    symbols: search.symbols,
    outputs,
    candidates,
    stages,
    seed,
    seconds,
    backend,
    stoppedBy,
    rows: { train: data.rows, heldOut: book.heldOutRows(), test: options.test?.rows },
  };
}

/** Checks the data and the options against each other, with one clear line for the first problem. */
function validate(data: Dataset, options: FitOptions): void {
  // A caller from plain JavaScript may still hand over the rows (x, y) a Dataset once held.
  if (!Array.isArray((data as Partial<Dataset>).inputColumns)) {
    throw new CaluError(`${data.source ?? 'the data'}: not a Dataset of columns (toDataset, fromArrays and datasetOfRows make one; a Dataset no longer holds rows x and y)`);
  }
  requireRows(data, minimumRows(data.inputs.length));
  checkFloat32Range(data.source, data.inputs, data.inputColumns);
  if (options.test) checkTestColumns(data, options.test);
  if (options.workers !== undefined && !(Number.isInteger(options.workers) && options.workers >= 1)) throw new CaluError(`workers: expected a whole number of at least 1, got ${options.workers}`);
  if (options.queue !== undefined) parseQueueUrl(options.queue);
  const nOut = data.targets.length;
  const first = planRound(0, data.inputs.length, nOut, options)[0];
  if (first.stack.inputs !== undefined && first.stack.inputs !== data.inputs.length) {
    throw new CaluError(`the layer spec takes ${first.stack.inputs} inputs, but the data has ${data.inputs.length} (${data.inputs.join(', ')})`);
  }
  if (options.layers) {
    const last = first.stack.layers.at(-1)!;
    if (last.units !== nOut) throw new CaluError(`the layer spec ends in ${last.units} unit${last.units === 1 ? '' : 's'}, but there ${nOut === 1 ? 'is 1 target' : `are ${nOut} targets`}`);
  }
}

/** What every stage of a fit shares. */
export interface Search {
  symbols: string[];
  /** positive[j]: input j is > 0 on every row. */
  positive: boolean[];
  /** Each stage's seed comes from this stream, in the order the stages run. */
  rng: Random;
  /** all: the rows the search trains on (every row, or a subsample of a large file); sample and pool: drawn from them. */
  rows: { all: Rows; sample: Rows; pool: Rows };
  /** rows.all holds every row of the data, in order. */
  everyRow: boolean;
  /** Each target's column, over rows.all. */
  columns: number[][];
  /** Each target's dominant monomial M0, for the stages that divide by it (see transform.ts). */
  dominant: Array<number[] | null>;
  /** Epoch milliseconds at which the search stops. */
  deadline: number;
}

function prepare(data: Dataset, seed: number, deadline: number): Search {
  const rng = new Random(seed);
  const indices = searchIndices(data, SEARCH_ROWS, seed);
  const all = rowsOf(data, indices ?? undefined);
  const sample = sampleRows(all, SAMPLE_ROWS, rng.fork());
  const pool = sampleRows(all, POOL_ROWS, rng.fork());
  const columns = data.targets.map((_, o) => all.y.map((t) => t[o]));
  return {
    symbols: symbolNames(data.inputs),
    // Over every row: how a formula prints depends on it (sqrt(x^2) is x only where x > 0).
    positive: data.inputColumns.map((c) => minOf(c) > 0),
    rng,
    rows: { all, sample, pool },
    everyRow: indices === null,
    columns,
    dominant: columns.map((y) => powerLaw(all.x, y)),
    deadline,
  };
}

/** Runs the plan until every target is exact, time or the user stops it, or nothing is left to try. */
async function rounds(data: Dataset, options: FitOptions, search: Search, book: CandidateBook, emit: EventSink, shares?: ShareRunner) {
  const targets = data.targets.map((_, o) => o);
  // The best m -> a network so far per transform (by name) and dataset target: what residual stages build on.
  const bases = new Map<string, Array<Base | null>>();
  const baseOf = (spec: StageSpec, o: number) => bases.get(transformName(spec.transform))?.[o] ?? null;
  const stages: StageRecord[] = [];
  const stoppedBy = await runRounds({
    plan: (round) => planRound(round, data.inputs.length, data.targets.length, options),
    open: (spec) =>
      targets.filter((o) =>
        stageApplies(spec, { solved: book.solved(o) || book.settled(o), dominant: search.dominant[o], hasBase: baseOf(spec, o) !== null, y: search.columns[o], x: search.rows.all.x }),
      ),
    run: async (spec, open): Promise<StageEnd> => {
      const stage = forTargets(spec, open.length);
      const outputs = stage.trainsAll ? targets : open;
      const t0 = performance.now();
      const label = stageLabel(stage, data.inputs.length);
      const description = { index: stages.length + 1, stack: label, q: describeQ(stage.q), restarts: stage.restarts, steps: stage.steps, targets: outputs.map((o) => data.targets[o]) };
      const { end, bases: found } = await runStage(
        {
          description,
          spec: stage,
          seed: search.rng.nextU32(),
          outputs,
          transforms: outputs.map((o) => resolveTransform(stage.transform, search.dominant[o])!),
          bases: outputs.map((o) => baseOf(stage, o)),
          rows: search.rows,
          deadline: search.deadline,
        },
        { offer: (o, f) => book.offer(o, f), solved: (o) => book.solved(o), settled: (o) => book.settled(o), emit, shouldStop: () => stopRequested(options) },
        shares,
      );
      const key = transformName(stage.transform);
      if (!bases.has(key)) bases.set(key, data.targets.map(() => null));
      found.forEach((b, k) => (bases.get(key)![outputs[k]] = b));
      stages.push({ ...description, targets: open.map((o) => data.targets[o]), end, seconds: (performance.now() - t0) / 1000 });
      return end;
    },
    solved: () => book.allSolved(),
    settled: () => book.allDone(),
    deadline: search.deadline,
  });
  return { stages, stoppedBy };
}

/** Whether the caller asked the fit to stop: its AbortSignal aborted, or its shouldStop said so. */
function stopRequested(options: FitOptions): boolean {
  return options.signal?.aborted === true || options.shouldStop?.() === true;
}

function checkTestColumns(train: Dataset, test: Dataset): void {
  const same = (a: string[], b: string[]) => a.length === b.length && a.every((v, i) => v === b[i]);
  if (!same(train.inputs, test.inputs) || !same(train.targets, test.targets)) {
    throw new CaluError(`${test.source}: its input and target columns differ from ${train.source}`);
  }
}
