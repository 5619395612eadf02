import * as tf from '@tensorflow/tfjs';
import { buildNetwork } from '../calu/stack.ts';
import type { Network } from '../engine/network.ts';
import { targetRows, transpose, type Rows } from '../data/rows.ts';
import { Random } from '../util/random.ts';
import { Trainer } from './trainer.ts';
import { StageTarget } from './target.ts';
import { hypotheses, startOnHypotheses, turns } from './hypotheses.ts';
import { rankedArguments } from './rankedArguments.ts';
import { stageKind, type StageKind, type StageSpec } from './recipe.ts';
import type { ReadContext } from './snapshot.ts';
import type { StageJob } from './stage.ts';
import type { Range } from './shares.ts';

/** A stage ready to train: its targets, the rows in their terms, the network and its trainer. */
export interface Stage {
  job: StageJob;
  kind: StageKind;
  targets: StageTarget[];
  /** What the kind's reader is given with each snapshot. */
  context: ReadContext;
  /** The pool rows in the stage's terms, and the residual that counts as exact on them. */
  pool: Rows;
  poolTolerance: number;
  /** Per trained target: its own sample and training rows, to screen a network on. */
  own: Array<{ sample: Rows; all: Rows }>;
  /** Whether its networks may become residual bases: an m -> a stack fitting Y itself. */
  seedsBases: boolean;
  /** Every restart of the stage: what is read at a snap. */
  net: Network;
  /** The restarts [lo, hi) this thread trains: `net` itself, or a share of its restarts (see shares.ts); null when it trains none. */
  share: { lo: number; hi: number; net: Network; trainer: Trainer } | null;
}

/**
 * Builds the targets, the rows they train on, the network and the trainer
 * (in that order: the random stream depends on it). Given a range, the
 * trainer trains only those restarts, on a network of their own that starts
 * from the same weights: every restart gets the same batches and the same
 * arithmetic whichever share it is in, so a stage split across threads
 * trains exactly as it does whole. Given an empty range, it trains none
 * (the stage's thread of a split stage only reads).
 */
export function buildStage(job: StageJob, range?: Range): Stage {
  const { spec, outputs, rows } = job;
  const kind = stageKind(spec);
  const targets = outputs.map((o, k) => new StageTarget(o, job.transforms[k], rows.all.y[0][o] < 0, kind.needsBase ? job.bases[k]!.layers : null, rows.all));
  // What the stage trains on: each target's Y (less its base, in a residual stage); every candidate is judged on y itself.
  const inStageTerms = (r: Rows): Rows => {
    const cols = targets.map((t) => t.values(r));
    return { x: r.x, y: r.x.map((_, i) => cols.map((c) => c.y[i])), precision: r.x.map((_, i) => cols.map((c) => c.precision[i])) };
  };
  const all = inStageTerms(rows.all);
  const sample = inStageTerms(rows.sample);
  const pool = inStageTerms(rows.pool);
  const poolTolerance = Math.max(...outputs.map((_, k) => exactResidual(pool, k)));
  const own = outputs.map((o) => ({ all: targetRows(rows.all, o), sample: targetRows(rows.sample, o) }));
  const rng = new Random(job.seed);
  const inputs = rows.all.x[0].length;
  const net = buildNetwork(spec.stack, inputs, spec.restarts, spec.q, rng.fork());
  if (spec.hypotheses === 'arguments') startOnHypotheses(net, hypotheses(featureKind(spec), sample.x, sample.y.map((t) => t[0])));
  if (spec.hypotheses === 'turns') startOnHypotheses(net, turns(inputs));
  if (spec.hypotheses === 'exponentials' || spec.hypotheses === 'phases') {
    startOnHypotheses(net, rankedArguments(spec.hypotheses === 'exponentials' ? 'exp' : 'turn', sample.x, sample.y.map((t) => t[0]), RANKED));
  }
  const { lo, hi } = range ?? { lo: 0, hi: spec.restarts };
  const seedsBases = kind.seedsBases && spec.stack.layers.length === 2 && spec.stack.layers[0].kind === 'caluM';
  const stage = { job, kind, targets, context: { sample, rows: rows.sample, targets }, pool, poolTolerance, own, seedsBases, net };
  if (hi <= lo) return { ...stage, share: null };
  const trained = lo === 0 && hi === spec.restarts ? net : restartsOf(net, lo, hi, () => buildNetwork(spec.stack, inputs, hi - lo, spec.q, new Random(0)));
  const trainer = new Trainer(
    trained,
    { x: transpose(rows.all.x), y: transpose(all.y) },
    { steps: spec.steps, batchSize: spec.batchSize, lr: spec.lr, rng: rng.fork(), loss: kind.loss, reinit: { seed: rng.nextU32(), offset: lo } },
  );
  return { ...stage, share: { lo, hi, net: trained, trainer } };
}

/** Ranked arguments a frozen block tries, each on several restarts: the best two monomials at every scale, as a rule. */
const RANKED = 8;

/** Frees a stage's tensors. */
export function disposeStage(stage: Stage): void {
  stage.share?.trainer.dispose();
  if (stage.share && stage.share.net !== stage.net) stage.share.net.dispose();
  stage.net.dispose();
}

/** Restarts [lo, hi) of `net` as a network of their own: `make` builds one of that many restarts, whose weights are then overwritten. */
function restartsOf(net: Network, lo: number, hi: number, make: () => Network): Network {
  const part = make();
  tf.tidy(() => net.variables.forEach((v, i) => part.variables[i].assign(tf.slice(v, lo, hi - lo))));
  return part;
}

/** The kind of a stage's feature block: exponential (m -> e) or logarithm (l) units. */
export function featureKind(spec: StageSpec): 'e' | 'l' {
  return spec.stack.layers.some((l) => l.kind === 'caluE') ? 'e' : 'l';
}

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
