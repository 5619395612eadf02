import * as tf from '@tensorflow/tfjs';
import type { Random } from '../util/random.ts';
import type { Act, Backward, Forward, Layer, StepContext } from '../engine/layer.ts';
import { contract, contractGradW, contractGradX } from '../engine/contract.ts';
import { QuantizedWeight, type WeightForward } from './weight.ts';
import { isNonNegative, type QSet } from './qset.ts';
import { LOG_EPS } from './caluM.ts';

export interface CaluLArgs {
  units: number;
  q: QSet;
}

interface LCache {
  x: Act;
  lx: Act;
  wf: WeightForward;
}

/**
 * CALUl, the logarithm unit: the inner sum CALUm computes before its exp,
 * exposed as an output,
 *   l_k = sum_j N_kj ln|x_j|,
 * so log(V2/V1) is one unit. (The complex log's phase i pi [x<0] is left
 * out: a logarithm in a formula is of a positive quantity.)
 */
export class CaluL implements Layer {
  readonly kind = 'caluL' as const;
  readonly weight: QuantizedWeight;
  readonly outputSize: number;

  constructor(
    readonly inputSize: number,
    readonly restarts: number,
    readonly args: CaluLArgs,
    rng: Random,
  ) {
    this.outputSize = args.units;
    this.weight = new QuantizedWeight(restarts, args.units, inputSize, args.q, isNonNegative(args.q), rng);
  }

  get variables(): tf.Variable[] {
    return this.weight.variables;
  }

  reinit(r: number, rng: Random): void {
    this.weight.reinit(r, rng);
  }

  forward(x: Act, ctx: StepContext): Forward {
    const wf = this.weight.forward(ctx.lambda);
    const lx: Act = { t: tf.log(tf.add(tf.abs(x.t), LOG_EPS)), shared: x.shared };
    return { y: contract(wf.w, lx), cache: { x, lx, wf } satisfies LCache, penalty: wf.penalty };
  }

  backward(dy: tf.Tensor, cache: unknown, _ctx: StepContext, needDx: boolean): Backward {
    const c = cache as LCache;
    const grads = this.weight.backward(c.wf, contractGradW(dy, c.lx));
    let dx: tf.Tensor | null = null;
    if (needDx) dx = tf.div(tf.mul(contractGradX(c.wf.w, dy), tf.sign(c.x.t)), tf.add(tf.abs(c.x.t), LOG_EPS));
    return { dx, grads };
  }

  dispose(): void {
    this.weight.dispose();
  }

}
