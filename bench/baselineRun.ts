import { buildBaseline } from '../src/baselines/stack.ts';
import { networkWeights, predict64 } from '../src/baselines/float64.ts';
import { scalePenalty } from '../src/baselines/penalty.ts';
import type { Recipe } from '../src/baselines/recipes.ts';
import type { Penalties } from '../src/baselines/stack.ts';
import { Trainer } from '../src/train/trainer.ts';
import { transpose } from '../src/data/rows.ts';
import { inverseMeanSquare } from '../src/train/loss.ts';
import { Random } from '../src/util/random.ts';
import { mse64 } from './stats.ts';
import { progress } from './machine.ts';

/** Rows by row: x[row][input], y[row][output]. */
export interface RowSet {
  x: number[][];
  y: number[][];
}

export interface BaselineRunSpec {
  /** For progress lines, e.g. "talk nalu mul". */
  label: string;
  /** A baseline stack, e.g. "5:nau 1:nmu" (see src/baselines/stack.ts). */
  stack: string;
  recipe: Recipe;
  steps: number;
  batchSize: number;
  train: RowSet;
  /** Held-out rows from the training range: the checkpoint a user would keep is the one with the lowest error here. */
  interp: RowSet;
  extrap: RowSet;
  /** Success: extrapolation MSE below this. */
  threshold: number;
  /** One restart per seed, trained together as one batch. */
  seeds: number[];
  /** Evaluate (in float64) this many times over the run. */
  checkpoints: number;
}

export interface SeedOutcome {
  seed: number;
  success: boolean;
  /** Float64 MSEs of the checkpoint with the lowest interpolation error. */
  interpMse: number;
  extrapMse: number;
  /** First checkpoint step whose extrapolation MSE was below the threshold, or null. */
  solvedAtStep: number | null;
  bestStep: number;
}

/**
 * Trains R seeds of one baseline as a single batched program and judges
 * each seed as Madsen & Johansen do: keep the checkpoint with the lowest
 * interpolation error; success when its extrapolation MSE is below the
 * threshold. Every error is recomputed in float64 from the trained weights.
 */
export function runBaseline(spec: BaselineRunSpec): { seeds: SeedOutcome[]; seconds: number } {
  const started = performance.now();
  const R = spec.seeds.length;
  const inputs = spec.train.x[0].length;
  const net = buildBaseline(spec.stack, inputs, R, new Random(spec.seeds[0]), paperBalance(spec.recipe.penalties, spec.train.y));
  spec.seeds.forEach((seed, r) => net.reinit(r, new Random(seed)));
  const trainer = new Trainer(
    net,
    { x: transpose(spec.train.x), y: transpose(spec.train.y) },
    { steps: spec.steps, batchSize: spec.batchSize, lr: spec.recipe.lr, rng: new Random(spec.seeds.reduce((h, s) => h * 31 + s, 17)) },
  );
  const every = Math.max(1, Math.round(spec.steps / spec.checkpoints));
  let lastLine = started;
  const best = spec.seeds.map((seed) => ({ seed, interp: NaN, extrap: NaN, step: 0, solvedAt: null as number | null }));
  try {
    for (let s = 1; s <= spec.steps; s++) {
      trainer.run();
      if (s % every !== 0 && s !== spec.steps) continue;
      for (let r = 0; r < R; r++) {
        const w = networkWeights(net, r);
        const interp = mse64(predict64(net, w, spec.interp.x), spec.interp.y);
        const extrap = mse64(predict64(net, w, spec.extrap.x), spec.extrap.y);
        const b = best[r];
        if (b.solvedAt === null && extrap < spec.threshold) b.solvedAt = s;
        // A diverged (non-finite) checkpoint never beats a finite one.
        if (b.step === 0 || (Number.isFinite(interp) && !(interp >= b.interp))) Object.assign(b, { interp, extrap, step: s });
      }
      // At most one line every 10 s per run, and the last one.
      if (performance.now() - lastLine < 10000 && s !== spec.steps) continue;
      lastLine = performance.now();
      const solved = best.filter((b) => b.extrap < spec.threshold).length;
      progress(`${spec.label}: step ${s}/${spec.steps}, ${solved}/${R} seeds below threshold at their best checkpoint, ${((performance.now() - started) / 1000).toFixed(1)} s`);
    }
  } finally {
    trainer.dispose();
    net.dispose();
  }
  const seeds = best.map((b) => ({
    seed: b.seed,
    success: b.extrap < spec.threshold,
    interpMse: b.interp,
    extrapMse: b.extrap,
    solvedAtStep: b.solvedAt,
    bestStep: b.step,
  }));
  return { seeds, seconds: (performance.now() - started) / 1000 };
}

/**
 * The trainer divides each output's MSE by that target's mean square;
 * the papers add their penalty to the plain MSE averaged over outputs.
 * Scaling the penalty by the same factor keeps the papers' balance.
 */
function paperBalance(penalties: Penalties, y: number[][]): Penalties {
  const inv = inverseMeanSquare(transpose(y));
  const meanSquare = inv.reduce((s, v) => s + 1 / v, 0) / inv.length;
  const factor = inv.length / meanSquare;
  return Object.fromEntries(Object.entries(penalties).map(([k, p]) => [k, scalePenalty(p, factor)]));
}
