import * as tf from '@tensorflow/tfjs';
import type { Random } from '../util/random.ts';
import type { Act, Backward, Forward, Layer, StepContext } from '../engine/layer.ts';
import { contract, contractGradW, contractGradX } from '../engine/contract.ts';
import { ComplexWeight, type ComplexWeightForward } from './complexWeight.ts';
import type { ComplexQ } from './complexQ.ts';

/** exp overflow guard: the real part of the exponent is clamped here. */
export const E_RE_MAX = 60;

export interface CaluEArgs {
  units: number;
  q: ComplexQ;
}

interface ECache {
  z: Act;
  wf: ComplexWeightForward;
  er: tf.Tensor;
  ei: tf.Tensor;
  live: tf.Tensor;
}

/**
 * CALUe, the exponential unit:
 *   e_k = exp(sum_j N_kj z_j),  N_kj from a complex Q.
 * A real N gives exp(+-z); an imaginary N gives cos and sin as the real and
 * imaginary parts, exp(i t) = cos t + i sin t. The layer outputs both parts,
 * [Re e_1..Re e_k, Im e_1..Im e_k], so the next layer can use either.
 */
export class CaluE implements Layer {
  readonly kind = 'caluE' as const;
  readonly weight: ComplexWeight;
  readonly outputSize: number;

  constructor(
    readonly inputSize: number,
    readonly restarts: number,
    readonly args: CaluEArgs,
    rng: Random,
  ) {
    this.outputSize = 2 * args.units;
    this.weight = new ComplexWeight(restarts, args.units, inputSize, args.q, rng);
  }

  get variables(): tf.Variable[] {
    return this.weight.variables;
  }

  reinit(r: number, rng: Random): void {
    this.weight.reinit(r, rng);
  }

  forward(z: Act, ctx: StepContext): Forward {
    const wf = this.weight.forward(ctx.lambda);
    const zr = contract(wf.re, z);
    const zi = contract(wf.im, z);
    const live = tf.step(tf.sub(E_RE_MAX, zr));
    const mag = tf.exp(tf.clipByValue(zr, -Infinity, E_RE_MAX)); // as tf.minimum on finite values, and faster on wasm
    const er = tf.mul(mag, tf.cos(zi));
    const ei = tf.mul(mag, tf.sin(zi));
    return { y: tf.concat([er, ei], 1), cache: { z, wf, er, ei, live } satisfies ECache, penalty: wf.penalty };
  }

  backward(dy: tf.Tensor, cache: unknown, _ctx: StepContext, needDx: boolean): Backward {
    const c = cache as ECache;
    const [dRe, dIm] = tf.split(dy, 2, 1);
    // d(mag cos t) = Re de, d(mag sin t) = Im de, with de = e (dzr + i dzi).
    const dzr = tf.mul(tf.add(tf.mul(dRe, c.er), tf.mul(dIm, c.ei)), c.live);
    const dzi = tf.sub(tf.mul(dIm, c.er), tf.mul(dRe, c.ei));
    const grads = [this.weight.backward(c.wf, contractGradW(dzr, c.z), contractGradW(dzi, c.z))];
    const dx = needDx ? tf.add(contractGradX(c.wf.re, dzr), contractGradX(c.wf.im, dzi)) : null;
    return { dx, grads };
  }

  dispose(): void {
    this.weight.dispose();
  }

}
