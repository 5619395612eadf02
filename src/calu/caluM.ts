import * as tf from '@tensorflow/tfjs';
import type { Random } from '../util/random.ts';
import type { Act, Backward, Forward, Layer, StepContext } from '../engine/layer.ts';
import { contract, contractGradW, contractGradX, setRestart } from '../engine/contract.ts';
import { QuantizedWeight, type WeightForward } from './weight.ts';
import { isIntegral, isNonNegative, type QSet } from './qset.ts';
import * as cx from './complex.ts';

/** Guards log(0) while training; the snapped formula is evaluated exactly. */
export const LOG_EPS = 1e-8;
/** exp overflow guard: a unit's log-magnitude is clamped here before exp. */
export const RE_MAX = 60;
/** Initial parity logit: sigmoid(-2) = 0.12, so units start nearly even in every input. */
const PARITY_INIT = -2;
/** Keeps log|1 - 2p| finite where a learned parity passes through p = 1/2. */
const A_MIN = 1e-6;

export interface CaluMArgs {
  units: number;
  q: QSet;
  /** Use the unit phasor for signs; defaults to true when Q has no negative value. */
  phasor?: boolean;
}

interface MCache {
  x: Act;
  lx: Act;
  neg: Act;
  wf: WeightForward;
  m: tf.Tensor;
  live: tf.Tensor;
  parity: { a: tf.Tensor; p: tf.Tensor } | null;
}

/**
 * CALUm: products, quotients and powers of inputs of either sign,
 *   m_k = exp(sum_j N_kj W_kj log x_j),  log x = ln|x| + i*pi*[x<0].
 * Training carries the real part, exp(Re) times a sign. The sign is either
 * the exact parity of the rounded exponents, or (early in training on data
 * with mixed signs) a learnable per-weight parity p_kj, giving the factor
 * prod_j (1 - 2 p_kj [x_j<0]). Tying the sign to the exponent (cos(pi N))
 * gives no gradient while an exponent passes through odd values on its way
 * to 2; the decoupled parity does (see docs/RECIPE.md).
 */
export class CaluM implements Layer {
  readonly kind = 'caluM' as const;
  readonly weight: QuantizedWeight;
  readonly parityLogits: tf.Variable;
  readonly outputSize: number;
  private readonly integral: boolean;

  constructor(
    readonly inputSize: number,
    readonly restarts: number,
    readonly args: CaluMArgs,
    rng: Random,
  ) {
    this.outputSize = args.units;
    const usePhasor = args.phasor ?? isNonNegative(args.q);
    this.weight = new QuantizedWeight(restarts, args.units, inputSize, args.q, usePhasor, rng);
    this.parityLogits = tf.tidy(() => tf.variable(tf.fill([restarts, args.units, inputSize], PARITY_INIT), true));
    this.integral = isIntegral(args.q);
  }

  get variables(): tf.Variable[] {
    return [...this.weight.variables, this.parityLogits];
  }

  reinit(r: number, rng: Random): void {
    this.weight.reinit(r, rng);
    setRestart(this.parityLogits, r, new Float32Array(this.outputSize * this.inputSize).fill(PARITY_INIT));
  }

  forward(x: Act, ctx: StepContext): Forward {
    const wf = this.weight.forward(ctx.lambda);
    const lx: Act = { t: tf.log(tf.add(tf.abs(x.t), LOG_EPS)), shared: x.shared };
    // step() rather than less(): it is one op, and autodiff (used to test this layer) can pass through it.
    const neg: Act = { t: tf.step(tf.neg(x.t)), shared: x.shared };
    const re = contract(wf.w, lx);
    const live = tf.step(tf.sub(RE_MAX, re));
    // clipByValue rather than minimum: the same on finite values, and several times faster on wasm (re is never NaN: weights and logs are finite).
    let logMag = tf.clipByValue(re, -Infinity, RE_MAX);
    let sign: tf.Tensor | null = null;
    let parity: MCache['parity'] = null;
    let penalty = wf.penalty;
    if (x.nonNegative) {
      // Every input is >= 0: every unit is positive, and the parity has nothing to learn.
    } else if (ctx.parity === 'learned') {
      // factor prod_j (1 - 2 p_j [x_j<0]) = exp(sum_j log|a_j| [x_j<0]) * (-1)^(#negative a_j hit)
      const p = tf.sigmoid(this.parityLogits);
      const a = tf.sub(1, tf.mul(2, p));
      const logA = tf.log(tf.clipByValue(tf.abs(a), A_MIN, Infinity));
      logMag = tf.add(logMag, contract(logA, neg));
      sign = signOfCount(contract(tf.step(tf.neg(a)), neg));
      parity = { a, p };
      if (ctx.consistency > 0) {
        const target = tf.mod(tf.abs(tf.round(wf.w)), 2);
        const c = tf.mul(tf.sum(tf.reshape(tf.square(tf.sub(p, target)), [this.restarts, -1]), 1), ctx.consistency);
        penalty = penalty ? tf.add(penalty, c) : c;
      }
    } else {
      sign = this.exactSign(wf.w, neg);
    }
    const m = sign ? tf.mul(tf.exp(logMag), sign) : tf.exp(logMag);
    const cache: MCache = { x, lx, neg, wf, m, live, parity };
    return { y: m, cache, penalty };
  }

  /** The real part of the complex phase, cos(pi * sum_j round(w_kj) [x_j<0]). */
  private exactSign(w: tf.Tensor, neg: Act): tf.Tensor {
    const snapped = tf.round(this.integral ? w : tf.mul(w, 2));
    if (this.integral) return signOfCount(contract(tf.abs(snapped), neg));
    return tf.cos(tf.mul(contract(snapped, neg), Math.PI / 2));
  }

  backward(dy: tf.Tensor, cache: unknown, ctx: StepContext, needDx: boolean): Backward {
    const c = cache as MCache;
    const g = tf.mul(dy, c.m); // gradient on the log-magnitude
    const dRe = tf.mul(g, c.live);
    const dw = contractGradW(dRe, c.lx);
    let dLb: tf.Tensor;
    if (c.parity) {
      const dLogA = contractGradW(g, c.neg);
      const { a, p } = c.parity;
      const dA = tf.where(tf.greater(tf.abs(a), A_MIN), tf.div(dLogA, a), tf.zerosLike(a));
      let dP = tf.mul(dA, -2);
      if (ctx.consistency > 0) {
        const target = tf.mod(tf.abs(tf.round(c.wf.w)), 2);
        dP = tf.add(dP, tf.mul(tf.sub(p, target), 2 * ctx.consistency));
      }
      dLb = tf.mul(dP, tf.mul(p, tf.sub(1, p)));
    } else {
      dLb = tf.zerosLike(this.parityLogits);
    }
    const grads = [...this.weight.backward(c.wf, dw), dLb];
    let dx: tf.Tensor | null = null;
    if (needDx) {
      // d ln(|x|+eps)/dx = sign(x) / (|x|+eps); the phase's jump at 0 carries no gradient.
      const dlx = contractGradX(c.wf.w, dRe);
      dx = tf.div(tf.mul(dlx, tf.sign(c.x.t)), tf.add(tf.abs(c.x.t), LOG_EPS));
    }
    return { dx, grads };
  }

  /**
   * The talk's complex forward, carried as (re, im) pairs, with the phasor's
   * full complex weight: used to evaluate a network as the talk defines it.
   */
  forwardComplex(x: cx.Complex | tf.Tensor): cx.Complex {
    return tf.tidy(() => {
      const W = this.weight.complexWeight();
      const logx = x instanceof tf.Tensor ? cx.logReal(x, 0) : complexLog(x);
      const xs = logx.re.rank === 2;
      const bcast = (t: tf.Tensor) => (xs ? tf.broadcastTo(tf.expandDims(t, 0), [this.restarts, ...t.shape]) : t);
      const z = cx.matMul(W, { re: bcast(logx.re), im: bcast(logx.im) });
      return cx.exp(z);
    });
  }

  dispose(): void {
    this.weight.dispose();
    this.parityLogits.dispose();
  }
}

/**
 * (-1)^count for a tensor of non-negative integer counts, as
 * 1 - 2 (count - 2 floor(count / 2)): exact on integers, and three times
 * as fast as tf.mod on wasm, which a step of every CALUm layer pays.
 */
function signOfCount(count: tf.Tensor): tf.Tensor {
  return tf.add(tf.mul(count, -2), tf.add(tf.mul(tf.floor(tf.mul(count, 0.5)), 4), 1));
}

/** log z = ln|z| + i arg z, for a complex input from a previous layer. */
function complexLog(z: cx.Complex): cx.Complex {
  return { re: tf.log(tf.sqrt(tf.add(tf.square(z.re), tf.square(z.im)))), im: tf.atan2(z.im, z.re) };
}
