import { buildNetwork, describeStack, type StackSpec } from '../calu/stack.ts';
import { describeQ, type QSet } from '../calu/qset.ts';
import { snapNetwork } from '../formula/snap.ts';
import type { Random } from '../util/random.ts';
import { Trainer } from './trainer.ts';
import { judge, readings, type Extractor } from './screen.ts';
import { targetRows, type Rows } from '../data/rows.ts';
import { readRational } from './rational.ts';
import { StageTarget } from './target.ts';
import { resolveTransform, transformName, type TransformSpec } from './transform.ts';
import { poolNetworks, poolsMonomials } from './pooling.ts';
import type { SnappedLayer } from '../formula/evaluate.ts';
import type { EventSink } from './events.ts';

/** One architecture trained as a batch of restarts. */
export interface StageSpec {
  stack: StackSpec;
  q: QSet;
  restarts: number;
  /** Nominal schedule length S (the run stops earlier once every target is exact). */
  steps: number;
  batchSize: number;
  lr: number;
  /** Snap and verify every this many steps. */
  snapEvery: number;
  /** What the stage fits for each target, Y = T(y), read back through the inverse (see transform.ts). */
  transform: TransformSpec;
  /** Fit Y = N/D, the network giving N and D for each target (see rational.ts). */
  rational?: boolean;
  /** Fit what the best m -> a network so far leaves over (see residual.ts). */
  residual?: boolean;
}

/** The best snapped network found for one output (in the target's own terms), with where it was found. */
export interface Found {
  layers: SnappedLayer[];
  extractor: Extractor;
  /**
   * Passed the screen: exact as a network on the screening sample, then on
   * every training row. A fast filter only: the candidate book's check of
   * the printed formula is the verdict.
   */
  screened: boolean;
  /** Relative RMS error on the screening sample. */
  error: number;
  stage: number;
  step: number;
  restart: number;
}

export interface StageInput {
  index: number;
  spec: StageSpec;
  /** Which dataset targets this stage trains for. */
  outputs: number[];
  /** Every training row (inputs and all targets). */
  all: Rows;
  /** The rows each snapshot is screened and refitted on. */
  sample: Rows;
  /** A larger sample for pooling monomials across restarts. */
  poolRows: Rows;
  /** Each dataset target's dominant monomial (exponents), or null. */
  dominant: Array<number[] | null>;
  /**
   * The best m -> a network found so far for each kind of target (keyed by
   * transformKey) and dataset target, in that target's terms: what residual
   * stages build on. Updated here.
   */
  bases: Map<string, Array<Base | null>>;
  targetNames: string[];
  rng: Random;
  deadline: number;
  shouldStop: () => boolean;
  emit: EventSink;
  /** Where every network found goes. */
  sink: CandidateSink;
}

/** The one place a stage hands its candidates to (the fit's candidate book). */
export interface CandidateSink {
  /** A network for dataset target `output`; the sink decides whether it improves on the best. */
  offer(output: number, found: Found): void;
  /** Whether dataset target `output` has an exact formula already. */
  solved(output: number): boolean;
}

/** An m -> a network fitted to a transformed target, and its error. */
export interface Base {
  layers: SnappedLayer[];
  error: number;
}

/** Stages that fit the same transform of the target share bases. */
export function transformKey(spec: StageSpec): string {
  return transformName(spec.transform);
}

/** The stack in short notation, and the transform of the target it fits when there is one. */
export function stageLabel(spec: StageSpec, inputs: number): string {
  const target = transformName(spec.transform);
  if (spec.rational) return `${describeStack(spec.stack, inputs)} as N, D with ${target} = N/D`;
  if (spec.residual) return `${describeStack(spec.stack, inputs)} on what the best sum for ${target} leaves`;
  return describeStack(spec.stack, inputs) + (target === 'y' ? '' : ` on ${target}`);
}

/** Longest stretch of training without giving the event loop a turn. */
const YIELD_MS = 100;

/** Steps between two poolings of every restart's monomials. */
const POOL_EVERY = 100;

/** The relative L2 residual an exact fit may keep: float64 rounding, or the precision the target was written with. */
function exactResidual(rows: Rows, k: number): number {
  let yy = 0;
  let dd = 0;
  rows.y.forEach((t, i) => {
    yy += t[k] * t[k];
    dd += rows.precision[i][k] ** 2;
  });
  return Math.max(1e-9, 3 * Math.sqrt(dd / Math.max(yy, 1e-300)));
}

export type StageEnd = 'solved' | 'steps' | 'time' | 'stopped';

/**
 * Trains one stage: R restarts of one stack, snapped and verified every
 * snapEvery steps. An output keeps the snapshot of its first verified
 * success, since restarts that train on can drift away from it; the stage
 * ends as soon as every output it trains for is exact.
 */
export async function runStage(input: StageInput): Promise<StageEnd> {
  const { spec, outputs, all, sample } = input;
  // The stage trains on a transform of each target (less a base, in a residual stage); every candidate is judged on y itself.
  const key = transformKey(spec);
  const baseList = input.bases.get(key) ?? input.bases.set(key, new Array(all.y[0].length).fill(null)).get(key)!;
  const targets = outputs.map(
    (o) => new StageTarget(o, resolveTransform(spec.transform, input.dominant[o])!, all.y[0][o] < 0, spec.residual ? baseList[o]!.layers : null, all),
  );
  const pick = (rows: Rows): Rows => {
    const cols = targets.map((t) => t.values(rows));
    return { x: rows.x, y: rows.x.map((_, i) => cols.map((c) => c.y[i])), precision: rows.x.map((_, i) => cols.map((c) => c.precision[i])) };
  };
  // Networks of this stage can seed residual stages: m -> a stacks fitting the transformed target itself.
  const seedsBases = !spec.rational && !spec.residual && spec.stack.layers.length === 2 && spec.stack.layers[0].kind === 'caluM';
  const stageAll = pick(all);
  const stageSample = pick(sample);
  const stagePool = pick(input.poolRows);
  const poolTolerance = outputs.map((_, k) => exactResidual(stagePool, k));
  const own = outputs.map((o) => ({ all: targetRows(all, o), sample: targetRows(sample, o) }));
  const net = buildNetwork(spec.stack, all.x[0].length, spec.restarts, spec.q, input.rng.fork());
  const columns = { x: transpose(all.x), y: transpose(stageAll.y) };
  const trainer = new Trainer(net, columns, { steps: spec.steps, batchSize: spec.batchSize, lr: spec.lr, rng: input.rng.fork(), loss: spec.rational ? 'ratio' : 'mse' });
  // Each restart's snapshot, read as one network per target: in the stage's terms (for bases) and in the target's own.
  const readRestart = (layers: SnappedLayer[]): Array<{ stage: SnappedLayer[] | null; layers: SnappedLayer[]; extractor: Extractor } | null> => {
    if (spec.rational) return readRational(layers, stageSample, targets).map((l) => (l ? { stage: null, layers: l, extractor: 'refit' } : null));
    const reads = readings(layers, stageSample);
    return targets.map((t, k) => {
      // Round is preferred when it is exact already: it has no float coefficients.
      const read = reads.find((c) => c.exact[k]) ?? reads.reduce((a, b) => (b.errors[k] < a.errors[k] ? b : a));
      const stageLayers = outputOnly(read.layers, k);
      const mine = t.own(stageLayers, sample);
      return mine ? { stage: stageLayers, layers: mine, extractor: read.extractor } : null;
    });
  };
  input.emit({
    type: 'stage',
    index: input.index,
    stack: stageLabel(spec, all.x[0].length),
    q: describeQ(spec.q),
    restarts: spec.restarts,
    steps: spec.steps,
    targets: outputs.map((o) => input.targetNames[o]),
  });
  const started = performance.now();
  let exactRestarts = 0;
  let settled = 0;
  let blownUp = 0;
  let end: StageEnd = 'steps';
  let yielded = performance.now();
  try {
    for (let s = 0; s < spec.steps; s++) {
      if (performance.now() - yielded > YIELD_MS) {
        // Let the event loop run now and then, so a Ctrl-C handler or a screen redraw is not held off.
        await new Promise((resolve) => setImmediate(resolve));
        yielded = performance.now();
      }
      if (performance.now() > input.deadline) {
        end = 'time';
        break;
      }
      if (input.shouldStop()) {
        end = 'stopped';
        break;
      }
      const res = trainer.run();
      blownUp += res.reinitialized.length;
      const atSnap = res.step % spec.snapEvery === 0 || res.step === spec.steps;
      if (atSnap) {
        const reading = snapNetwork(net);
        settled = reading.settled.reduce((a, b) => a + b, 0) / reading.settled.length;
        exactRestarts = 0;
        reading.snapped.forEach((layers, r) => {
          if (!Number.isFinite(res.mse[r])) return;
          let allExact = true;
          readRestart(layers).forEach((read, k) => {
            if (!read) {
              allExact = false;
              return;
            }
            const o = outputs[k];
            const j = judge(read.layers, own[k].sample, own[k].all);
            if (!j.exact) allExact = false;
            const found: Found = { layers: read.layers, extractor: read.extractor, screened: j.exact, error: j.error, stage: input.index, step: res.step, restart: r };
            if (seedsBases && read.stage && (!baseList[o] || j.error < baseList[o]!.error)) baseList[o] = { layers: read.stage, error: j.error };
            input.sink.offer(o, found);
          });
          if (allExact) exactRestarts++;
        });
        if (res.step % POOL_EVERY === 0 && poolsMonomials(net) && outputs.some((o) => !input.sink.solved(o))) {
          poolNetworks(net, reading.snapped, stagePool, Math.max(...poolTolerance)).forEach((layers, k) => {
            const o = outputs[k];
            if (!layers || input.sink.solved(o)) return;
            const layersO = targets[k].own(layers, input.poolRows);
            if (!layersO) return;
            const j = judge(layersO, own[k].sample, own[k].all);
            const found: Found = { layers: layersO, extractor: 'pool', screened: j.exact, error: j.error, stage: input.index, step: res.step, restart: -1 };
            input.sink.offer(o, found);
          });
        }
      }
      if (atSnap || res.step % 10 === 0) {
        const sorted = [...res.mse].filter(Number.isFinite).sort((a, b) => a - b);
        input.emit({
          type: 'progress',
          stage: input.index,
          step: res.step,
          steps: spec.steps,
          elapsed: (performance.now() - started) / 1000,
          bestLoss: sorted[0] ?? NaN,
          medianLoss: sorted[sorted.length >> 1] ?? NaN,
          restarts: spec.restarts,
          converged: sorted.filter((v) => v < 1e-6).length,
          exact: exactRestarts,
          settled,
          blownUp,
        });
      }
      if (atSnap && outputs.every((o) => input.sink.solved(o))) {
        end = 'solved';
        break;
      }
    }
  } finally {
    trainer.dispose();
    net.dispose();
  }
  return end;
}

/** Keeps only output k's row in the last layer, so a Found reads as a one-output network. */
function outputOnly(layers: SnappedLayer[], k: number): SnappedLayer[] {
  const last = layers[layers.length - 1];
  return [...layers.slice(0, -1), { kind: last.kind, weights: [last.weights[k]] }];
}

export function transpose(rows: number[][]): number[][] {
  const cols = rows[0]?.length ?? 0;
  return Array.from({ length: cols }, (_, j) => rows.map((r) => r[j]));
}
