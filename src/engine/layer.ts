import type * as tf from '@tensorflow/tfjs';
import type { Random } from '../util/random.ts';

/**
 * Activations flowing through a batched stack. The data is shared by every
 * restart ([in, B]); a layer's output belongs to each restart ([R, out, B]).
 * Keeping batch last lets a shared input meet the weights in one 2-D matMul.
 */
export interface Act {
  t: tf.Tensor;
  shared: boolean;
  /** Known to hold no negative value (the data, when every input is >= 0): signs need no work. */
  nonNegative?: boolean;
}

/** What a training step tells each layer about where it is in the schedule. */
export interface StepContext {
  step: number;
  totalSteps: number;
  /** Weight of the regularization potential -E (0 while it is off). */
  lambda: number;
  /** CALUm sign: a learnable per-weight parity, or the exact parity of the rounded exponents. */
  parity: 'learned' | 'exact';
  /** Weight of the term pulling the learned parity toward the exponents' parity. */
  consistency: number;
}

export interface Forward {
  y: tf.Tensor;
  /** Everything backward needs; held by hand rather than through autodiff. */
  cache: unknown;
  /** Regularization penalty per restart, already weighted, or null. */
  penalty: tf.Tensor | null;
}

export interface Backward {
  dx: tf.Tensor | null;
  /** One gradient per entry of `variables`, in the same order. */
  grads: tf.Tensor[];
}

/**
 * The one interface every layer shares, CALU and baselines alike. Every
 * trainable tensor has a leading restart axis R, so one op serves every restart.
 * A layer without `backward` is trained through tfjs autodiff instead.
 */
export interface Layer {
  readonly kind: string;
  readonly inputSize: number;
  readonly outputSize: number;
  readonly restarts: number;
  readonly variables: tf.Variable[];
  forward(x: Act, ctx: StepContext): Forward;
  backward?(dy: tf.Tensor, cache: unknown, ctx: StepContext, needDx: boolean): Backward;
  /** Draws fresh initial values for one restart (after a blow-up, or at build). */
  reinit(restart: number, rng: Random): void;
  /** Frees every tensor the layer owns. */
  dispose(): void;
}
