import * as tf from '@tensorflow/tfjs';
import type { Random } from '../util/random.ts';
import type { Act, Backward, Forward, Layer, StepContext } from '../engine/layer.ts';
import { contract, contractGradW, contractGradX } from '../engine/contract.ts';
import { QuantizedWeight, type WeightForward } from './weight.ts';
import { isNonNegative, type QSet } from './qset.ts';
import * as cx from './complex.ts';

export interface CaluAArgs {
  units: number;
  q: QSet;
  phasor?: boolean;
}

interface ACache {
  x: Act;
  wf: WeightForward;
}

/**
 * CALUa: sums and differences with quantized scaling,
 *   a_k = sum_j N_kj W_kj m_j.
 */
export class CaluA implements Layer {
  readonly kind = 'caluA' as const;
  readonly weight: QuantizedWeight;
  readonly outputSize: number;

  constructor(
    readonly inputSize: number,
    readonly restarts: number,
    readonly args: CaluAArgs,
    rng: Random,
  ) {
    this.outputSize = args.units;
    this.weight = new QuantizedWeight(restarts, args.units, inputSize, args.q, args.phasor ?? isNonNegative(args.q), rng);
  }

  get variables(): tf.Variable[] {
    return this.weight.variables;
  }

  reinit(r: number, rng: Random): void {
    this.weight.reinit(r, rng);
  }

  forward(x: Act, ctx: StepContext): Forward {
    const wf = this.weight.forward(ctx.lambda);
    const cache: ACache = { x, wf };
    return { y: contract(wf.w, x), cache, penalty: wf.penalty };
  }

  backward(dy: tf.Tensor, cache: unknown, _ctx: StepContext, needDx: boolean): Backward {
    const c = cache as ACache;
    const grads = this.weight.backward(c.wf, contractGradW(dy, c.x));
    return { dx: needDx ? contractGradX(c.wf.w, dy) : null, grads };
  }

  /** The talk's complex form: a = (N W) m with complex W and m. */
  forwardComplex(m: cx.Complex): cx.Complex {
    return tf.tidy(() => cx.matMul(this.weight.complexWeight(), m));
  }

  dispose(): void {
    this.weight.dispose();
  }
}
