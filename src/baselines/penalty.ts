import * as tf from '@tensorflow/tfjs';
import type { StepContext } from '../engine/layer.ts';
import { meanPerRestart, sumPerRestart } from './params.ts';

/**
 * The regularisers of the baselines' papers, with their schedules in
 * fractions of the run length S so that they scale with the step budget.
 */

/**
 * Madsen & Johansen (ICLR 2020): lambda_sparse * mean_ij min(|W_ij|, 1 - |W_ij|)
 * (min(W, 1 - W) for the NMU), with lambda_sparse = scale * clip((t - start) / (end - start), 0, 1).
 */
export interface SparsityPenalty {
  kind: 'sparsity';
  scale: number;
  /** Fractions of S where the ramp starts and reaches `scale`. */
  start: number;
  end: number;
}

/**
 * Heim, Pevny & Smidl (NeurIPS 2020): beta * ||theta||_1, with beta starting
 * at betaStart and multiplied by `growth` every `every` (a fraction of S) until betaEnd.
 */
export interface L1Penalty {
  kind: 'l1';
  betaStart: number;
  betaEnd: number;
  every: number;
  growth: number;
}

export type Penalty = SparsityPenalty | L1Penalty;

export function sparsityWeight(p: SparsityPenalty, ctx: StepContext): number {
  const frac = ctx.step / ctx.totalSteps;
  return p.scale * Math.min(1, Math.max(0, (frac - p.start) / (p.end - p.start)));
}

export function l1Weight(p: L1Penalty, ctx: StepContext): number {
  const grown = p.betaStart * Math.pow(p.growth, Math.floor(ctx.step / Math.max(1, Math.round(p.every * ctx.totalSteps))));
  return p.betaStart <= p.betaEnd ? Math.min(grown, p.betaEnd) : Math.max(grown, p.betaEnd);
}

/** Multiplies a penalty's weight by a constant (to match a loss that is itself rescaled). */
export function scalePenalty(p: Penalty, factor: number): Penalty {
  return p.kind === 'sparsity' ? { ...p, scale: p.scale * factor } : { ...p, betaStart: p.betaStart * factor, betaEnd: p.betaEnd * factor };
}

/**
 * The penalty per restart [R] for a layer: `sparse` is the layer's own
 * sparsity term per weight (only the NAU and NMU define one), `params` are
 * all its trainable tensors (for L1). Null when the weight is 0.
 */
export function penaltyFor(p: Penalty | undefined, ctx: StepContext, sparse: (() => tf.Tensor) | null, params: tf.Tensor[]): tf.Tensor1D | null {
  if (!p) return null;
  if (p.kind === 'sparsity') {
    const w = sparsityWeight(p, ctx);
    if (w === 0 || !sparse) return null;
    return tf.mul(meanPerRestart(sparse()), w);
  }
  const beta = l1Weight(p, ctx);
  if (beta === 0) return null;
  const l1 = params.map((t) => sumPerRestart(tf.abs(t))).reduce((a, b) => tf.add(a, b));
  return tf.mul(l1, beta);
}
