import { compile } from 'mathjs';
import { buildNetwork, parseStack } from '../src/calu/stack.ts';
import { parseQ } from '../src/calu/qset.ts';
import { Trainer } from '../src/train/trainer.ts';
import { transpose } from '../src/data/rows.ts';
import { snapNetwork } from '../src/formula/snap.ts';
import { readings, screen } from '../src/train/screen.ts';
import type { Rows } from '../src/data/rows.ts';
import { poolNetworks } from '../src/train/pooling.ts';
import { Random } from '../src/util/random.ts';

/** One training run of R restarts on data from a known formula, as the recipe ablations use it. */
export interface RateExperiment {
  name: string;
  /** mathjs formula of the target. */
  formula: string;
  /** name:low:high; a negative low draws both signs, as the talk's data does. */
  variables: string;
  layers: string;
  steps: number;
  restarts: number;
  batch?: number;
  outputs?: string[];
}

export interface RateResult {
  name: string;
  layers: string;
  steps: number;
  restarts: number;
  /** Restarts whose snapped network is exact by rounding alone, at some snapshot. */
  round: number;
  /** Restarts exact by rounding or by refitting the last layer. */
  refit: number;
  /** Median step of first success (refit), or null. */
  medianStep: number | null;
  /** First step at which the monomials pooled over all restarts hold an exact combination, or null. */
  poolStep: number | null;
}

/**
 * Counts, per restart, whether and when its snapped network becomes exact,
 * read with each extractor, and when pooling all restarts' monomials first
 * succeeds. Every 50 steps, as fit does.
 */
export function restartRate(e: RateExperiment, seed = 5): RateResult {
  const rng = new Random(seed);
  const vars = e.variables.split(' ').map((v) => {
    const [name, low, high] = v.split(':');
    return { name, low: Number(low), high: Number(high) };
  });
  const f = compile(e.formula);
  const draw = () =>
    vars.map((v) => (v.low < 0 ? (rng.uniform() < 0.5 ? -1 : 1) * rng.between(0, v.high) : rng.between(v.low, v.high)));
  const x = Array.from({ length: 1000 }, draw);
  const y = x.map((row) => [f.evaluate(Object.fromEntries(vars.map((v, j) => [v.name, row[j]]))) as number]);
  const all: Rows = { x, y, precision: y.map(() => [0]) };
  const pick = (n: number, stride: number): Rows => {
    const idx = Array.from({ length: n }, (_, i) => (i * stride) % x.length);
    return { x: idx.map((i) => x[i]), y: idx.map((i) => y[i]), precision: idx.map(() => [0]) };
  };
  const sample = pick(128, 7);
  const poolRows = pick(384, 13);
  const net = buildNetwork(parseStack(e.layers), vars.length, e.restarts, parseQ('int'), rng.fork());
  const trainer = new Trainer(net, { x: transpose(x), y: transpose(y) }, { steps: e.steps, batchSize: e.batch ?? 128, lr: 0.05, rng: rng.fork() });
  const round = new Array(e.restarts).fill(-1);
  const refit = new Array(e.restarts).fill(-1);
  let poolStep: number | null = null;
  try {
    for (let s = 1; s <= e.steps; s++) {
      trainer.run();
      if (s % 50 !== 0) continue;
      const snaps = snapNetwork(net).snapped;
      snaps.forEach((layers, r) => {
        for (const read of readings(layers, sample)) {
          if (!read.exact[0] || !screen(read.layers, sample, all).passed) continue;
          if (read.extractor === 'round' && round[r] < 0) round[r] = s;
          if (refit[r] < 0) refit[r] = s;
        }
      });
      if (poolStep === null && s % 100 === 0 && net.layers.length === 2) {
        const found = poolNetworks(net, snaps, poolRows, 1e-9)[0];
        if (found && screen(found, sample, all).passed) poolStep = s;
      }
    }
  } finally {
    trainer.dispose();
    net.dispose();
  }
  const steps = refit.filter((v) => v >= 0).sort((a, b) => a - b);
  return {
    name: e.name,
    layers: e.layers,
    steps: e.steps,
    restarts: e.restarts,
    round: round.filter((v) => v >= 0).length,
    refit: steps.length,
    medianStep: steps.length ? steps[steps.length >> 1] : null,
    poolStep,
  };
}
