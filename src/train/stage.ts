import { buildNetwork, describeStack, type StackSpec } from '../calu/stack.ts';
import { describeQ, type QSet } from '../calu/qset.ts';
import { snapNetwork } from '../formula/snap.ts';
import type { Random } from '../util/random.ts';
import { Trainer } from './trainer.ts';
import { judge, readings, type Extractor, type Rows } from './screen.ts';
import { applyPower, invertPower, powerPrecision } from './transform.ts';
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
  /** Fit y^power and read y = (fit)^(1/power); 1 (the default) fits y itself. */
  power?: number;
}

/** The best snapped network found for one output (in the target's own terms), with where it was found. */
export interface Found {
  layers: SnappedLayer[];
  extractor: Extractor;
  /** Exact on every training row. */
  exact: boolean;
  /** Largest relative error on the screening sample. */
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
  targetNames: string[];
  rng: Random;
  deadline: number;
  shouldStop: () => boolean;
  emit: EventSink;
  /** Called with each improvement of an output's best (dataset output index). */
  improve: (output: number, found: Found) => void;
  best: Array<Found | null>;
}

/** The stack in short notation, and the power of the target it fits when that is not 1. */
export function stageLabel(spec: StageSpec, inputs: number): string {
  const q = spec.power ?? 1;
  return describeStack(spec.stack, inputs) + (q === 1 ? '' : ` on y^${q}`);
}

export type StageEnd = 'solved' | 'steps' | 'time' | 'stopped';

/**
 * Trains one stage: R restarts of one stack, snapped and verified every
 * snapEvery steps. An output keeps the snapshot of its first verified
 * success, since restarts that train on can drift away from it; the stage
 * ends as soon as every output it trains for is exact.
 */
export function runStage(input: StageInput): StageEnd {
  const { spec, outputs, all, sample } = input;
  const q = spec.power ?? 1;
  // The stage trains on y^q; every candidate is judged on y itself.
  const pick = (rows: Rows, o: number[], power: number): Rows => ({
    x: rows.x,
    y: rows.y.map((t) => o.map((k) => applyPower(power, t[k]))),
    precision: rows.precision.map((p, i) => o.map((k) => powerPrecision(power, rows.y[i][k], p[k]))),
  });
  const stageAll = pick(all, outputs, q);
  const stageSample = pick(sample, outputs, q);
  const own = outputs.map((o) => ({ all: pick(all, [o], 1), sample: pick(sample, [o], 1), negative: all.y[0][o] < 0 }));
  const net = buildNetwork(spec.stack, all.x[0].length, spec.restarts, spec.q, input.rng.fork());
  const columns = { x: transpose(all.x), y: transpose(stageAll.y) };
  const trainer = new Trainer(net, columns, { steps: spec.steps, batchSize: spec.batchSize, lr: spec.lr, rng: input.rng.fork() });
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
  try {
    for (let s = 0; s < spec.steps; s++) {
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
          const reads = readings(layers, stageSample);
          let allExact = true;
          outputs.forEach((o, k) => {
            // Round is preferred when it is exact already: it has no float coefficients.
            const read = reads.find((c) => c.exact[k]) ?? reads.reduce((a, b) => (b.errors[k] < a.errors[k] ? b : a));
            const layersO = invertPower(q, outputOnly(read.layers, k), own[k].negative);
            const j = judge(layersO, own[k].sample, own[k].all);
            if (!j.exact) allExact = false;
            const found: Found = { layers: layersO, extractor: read.extractor, exact: j.exact, error: j.error, stage: input.index, step: res.step, restart: r };
            if (better(found, input.best[o])) input.improve(o, found);
          });
          if (allExact) exactRestarts++;
        });
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
      if (atSnap && outputs.every((o) => input.best[o]?.exact)) {
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

/** An exact network beats an inexact one; among exact ones the first is kept unless a later one is smaller. */
function better(c: Found, prev: Found | null): boolean {
  if (!prev) return true;
  if (c.exact !== prev.exact) return c.exact;
  if (c.exact) return liveWeights(c) < liveWeights(prev);
  return c.error < prev.error;
}

function liveWeights(c: Found): number {
  return c.layers.reduce((n, l) => n + l.weights.flat().filter((w) => w !== 0).length, 0);
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
