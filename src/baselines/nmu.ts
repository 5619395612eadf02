import * as tf from '@tensorflow/tfjs';
import type { Act, Forward, StepContext } from '../engine/layer.ts';
import type { Random } from '../util/random.ts';
import type { Columns, Float64Layer, Weights64 } from './float64.ts';
import { inputsForUnits, uniform } from './params.ts';
import { ParamLayer } from './paramLayer.ts';
import { penaltyFor, type Penalty } from './penalty.ts';

export interface NmuArgs {
  units: number;
  penalty?: Penalty;
}

/**
 * Neural Multiplication Unit (Madsen & Johansen, ICLR 2020):
 * z_j = prod_i (W_ij x_i + 1 - W_ij), W clipped to [0, 1], W ~ U(0.25, 0.75),
 * regularised toward {0, 1} by mean min(W, 1 - W).
 */
export class Nmu extends ParamLayer<NmuArgs> {
  readonly kind = 'nmu' as const;

  constructor(inputSize: number, restarts: number, args: NmuArgs, rng: Random) {
    super(inputSize, restarts, args, [{ shape: [args.units, inputSize], init: uniform(0.25, 0.75) }], rng);
  }

  forward(x: Act, ctx: StepContext): Forward {
    const [Wv] = this.variables;
    const W = tf.expandDims(tf.clipByValue(Wv, 0, 1), 3); // [R, out, in, 1]
    const factors = tf.add(tf.mul(W, inputsForUnits(x)), tf.sub(1, W)); // [R, out, in, B]
    const y = tf.prod(factors, 2);
    const sparse = () => tf.minimum(Wv, tf.sub(1, Wv));
    return { y, cache: null, penalty: penaltyFor(this.args.penalty, ctx, sparse, this.variables) };
  }

  /** The paper clips W to [0, 1] after every optimiser step. */
  project(): void {
    tf.tidy(() => this.variables[0].assign(tf.clipByValue(this.variables[0], 0, 1)));
  }

  forward64(w: Weights64, x: Columns): Columns {
    const inn = this.inputSize;
    const B = x[0]?.length ?? 0;
    return Array.from({ length: this.outputSize }, (_, o) => {
      const y = new Float64Array(B).fill(1);
      for (let i = 0; i < inn; i++) {
        const wi = Math.min(1, Math.max(0, w[0][o * inn + i]));
        const xi = x[i];
        for (let b = 0; b < B; b++) y[b] *= wi * xi[b] + 1 - wi;
      }
      return y;
    });
  }
}
