import * as tf from '@tensorflow/tfjs';
import type { Act, Forward, StepContext } from '../engine/layer.ts';
import { contract } from '../engine/contract.ts';
import type { Random } from '../util/random.ts';
import { ParamLayer } from './paramLayer.ts';
import { matVec64, type Columns, type Weights64 } from './float64.ts';
import { uniform } from './params.ts';
import { penaltyFor, type Penalty } from './penalty.ts';

export interface NauArgs {
  units: number;
  /** Madsen & Johansen's sparsity regulariser, or L1 when the NAU sits in Heim et al.'s NPU stack. */
  penalty?: Penalty;
}

/**
 * Neural Addition Unit (Madsen & Johansen, ICLR 2020): y = W x with W clipped
 * to [-1, 1], W ~ U(-r, r), r = min(0.5, sqrt(3) * sqrt(2 / (in + out))),
 * regularised toward {-1, 0, 1} by mean min(|W|, 1 - |W|).
 */
export class Nau extends ParamLayer<NauArgs> {
  readonly kind = 'nau' as const;

  constructor(inputSize: number, restarts: number, args: NauArgs, rng: Random) {
    const r = Math.min(0.5, Math.sqrt(3) * Math.sqrt(2 / (inputSize + args.units)));
    super(inputSize, restarts, args, [{ shape: [args.units, inputSize], init: uniform(-r, r) }], rng);
  }

  forward(x: Act, ctx: StepContext): Forward {
    const [W] = this.variables;
    const y = contract(tf.clipByValue(W, -1, 1), x);
    const sparse = () => {
      const a = tf.abs(W);
      return tf.minimum(a, tf.sub(1, a));
    };
    return { y, cache: null, penalty: penaltyFor(this.args.penalty, ctx, sparse, this.variables) };
  }

  /** The paper clips W to [-1, 1] after every optimiser step. */
  project(): void {
    tf.tidy(() => this.variables[0].assign(tf.clipByValue(this.variables[0], -1, 1)));
  }

  forward64(w: Weights64, x: Columns): Columns {
    return matVec64(w[0].map((v) => Math.min(1, Math.max(-1, v))), this.outputSize, x);
  }
}
