import { initBackend, type BackendName } from './engine/backend.ts';
import { DEFAULT_MAX_SECONDS, DEFAULT_SEED } from './defaults.ts';
import { CaluError } from './errors.ts';
import type { Dataset } from './data/dataset.ts';
import { minimumRows, requireRows } from './data/dataset.ts';
import { symbolNames } from './formula/symbols.ts';
import { Random } from './util/random.ts';
import { defaultStages, stepsForRound, userStage } from './train/recipe.ts';
import { runStage, stageLabel, stageTransform, transformKey, type Base, type StageSpec } from './train/stage.ts';
import { transformApplies } from './train/transform.ts';
import { powerLaw } from './formula/powerLaw.ts';
import { describeQ, parseQ } from './calu/qset.ts';
import type { Rows } from './train/screen.ts';
import type { EventSink } from './train/events.ts';
import type { FitResult, StageRecord } from './result.ts';
import { CandidateBook } from './train/candidates.ts';

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
}

export { DEFAULT_SEED, DEFAULT_MAX_SECONDS };
/** Rows each snapshot is screened and refitted on before a full check. */
const SAMPLE_ROWS = 128;
/** Rows the pooled monomials of all restarts are fitted on (it holds at most half as many monomials). */
const POOL_ROWS = 384;

/** Trains CALU networks on the data and returns the formula for every target, proved in float64. */
export async function fit(data: Dataset, options: FitOptions = {}): Promise<FitResult> {
  requireRows(data, minimumRows(data.inputs.length));
  if (options.test) checkTestColumns(data, options.test);
  const seed = options.seed ?? DEFAULT_SEED;
  const maxSeconds = options.maxSeconds ?? DEFAULT_MAX_SECONDS;
  const emit: EventSink = options.onEvent ?? (() => {});
  const backend = await initBackend(options.backend);
  const started = performance.now();
  const deadline = started + maxSeconds * 1000;
  const symbols = symbolNames(data.inputs);
  const positive = data.inputs.map((_, j) => data.x.every((row) => row[j] > 0));
  const rng = new Random(seed);
  const all: Rows = { x: data.x, y: data.y, precision: data.precision };
  const sample = sampleRows(all, SAMPLE_ROWS, rng.fork());
  const poolRows = sampleRows(all, POOL_ROWS, rng.fork());
  const column = (o: number) => data.y.map((t) => t[o]);
  // Each target's dominant monomial M0, for the stages that divide by it (see transform.ts).
  const dominant = data.targets.map((_, o) => powerLaw(data.x, column(o)));
  const nOut = data.targets.length;
  const plan = (round: number): StageSpec[] => {
    const steps = options.steps ?? stepsForRound(round);
    return options.layers
      ? [userStage(options.layers, options.q, data.inputs.length, steps, options.restarts)]
      : defaultStages(data.inputs.length, nOut, steps, options.restarts).map((s) => (options.q ? { ...s, q: parseQ(options.q) } : s));
  };
  const first = plan(0)[0];
  if (first.stack.inputs !== undefined && first.stack.inputs !== data.inputs.length) {
    throw new CaluError(`the layer spec takes ${first.stack.inputs} inputs, but the data has ${data.inputs.length} (${data.inputs.join(', ')})`);
  }
  if (options.layers) {
    const last = first.stack.layers.at(-1)!;
    if (last.units !== nOut) throw new CaluError(`the layer spec ends in ${last.units} unit${last.units === 1 ? '' : 's'}, but there ${nOut === 1 ? 'is 1 target' : `are ${nOut} targets`}`);
  }

  emit({ type: 'start', inputs: data.inputs, targets: data.targets, rows: data.x.length, backend, seed, maxSeconds });

  const book = new CandidateBook(data, symbols, positive, emit);
  const best = book.best;
  const bases = new Map<string, Array<Base | null>>();
  const stages: StageRecord[] = [];
  let stoppedBy: FitResult['stoppedBy'] = 'budget';
  let index = 0;
  search: for (let round = 0; ; round++) {
    for (const spec of plan(round)) {
      const open = data.targets
        .map((_, o) => o)
        .filter((o) => !best[o]?.exact && (!spec.normalize || dominant[o]) && (!spec.residual || bases.get(transformKey(spec))?.[o]) && transformApplies(stageTransform(spec, dominant[o]), column(o), data.x));
      if (open.length === 0) continue;
      const perStage = options.layers ? spec : narrow(spec, open.length);
      const t0 = performance.now();
      index++;
      const end = await runStage({
        index,
        spec: perStage,
        outputs: options.layers ? data.targets.map((_, o) => o) : open,
        all,
        sample,
        poolRows,
        dominant,
        bases,
        targetNames: data.targets,
        rng: rng.fork(),
        deadline,
        shouldStop: () => options.signal?.aborted === true || options.shouldStop?.() === true,
        emit,
        improve: (o, f) => book.improve(o, f),
        best,
      });
      stages.push({
        index,
        stack: stageLabel(perStage, data.inputs.length),
        q: describeQ(perStage.q),
        restarts: perStage.restarts,
        steps: perStage.steps,
        targets: open.map((o) => data.targets[o]),
        end,
        seconds: (performance.now() - t0) / 1000,
      });
      if (best.every((b) => b?.exact)) {
        stoppedBy = 'solved';
        break search;
      }
      if (end === 'time' || end === 'stopped') {
        stoppedBy = end;
        break search;
      }
    }
  }

  const { outputs, candidates } = book.finish(stages, options.test);
  const seconds = (performance.now() - started) / 1000;
  const exact = outputs.every((o) => o.exact);
  emit({ type: 'done', exact, seconds, stoppedBy });
  return {
    inputs: data.inputs,
    symbols,
    outputs,
    candidates,
    stages,
    seed,
    seconds,
    backend,
    stoppedBy,
    rows: { train: data.x.length, test: options.test?.x.length },
  };
}

/** A default stage trains only the open targets: its last layer shrinks to match. */
function narrow(spec: StageSpec, outputs: number): StageSpec {
  const units = spec.rational ? 2 * outputs : outputs;
  const layers = spec.stack.layers.map((l, i, all) => (i === all.length - 1 ? { ...l, units } : l));
  return { ...spec, stack: { ...spec.stack, layers } };
}

function sampleRows(all: Rows, n: number, rng: Random): Rows {
  const idx = all.x.map((_, i) => i);
  for (let i = idx.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [idx[i], idx[j]] = [idx[j], idx[i]];
  }
  const keep = idx.slice(0, Math.min(n, idx.length)).sort((a, b) => a - b);
  return { x: keep.map((i) => all.x[i]), y: keep.map((i) => all.y[i]), precision: keep.map((i) => all.precision[i]) };
}

function checkTestColumns(train: Dataset, test: Dataset): void {
  const same = (a: string[], b: string[]) => a.length === b.length && a.every((v, i) => v === b[i]);
  if (!same(train.inputs, test.inputs) || !same(train.targets, test.targets)) {
    throw new CaluError(`${test.source}: its input and target columns differ from ${train.source}`);
  }
}
