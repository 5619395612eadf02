import * as tf from '@tensorflow/tfjs';
import type { Random } from '../util/random.ts';
import { quantize, quantizeBackward, expectation } from './quantizer.ts';
import { potential } from './potential.ts';
import { phasor, phasorBackward, phasorSign } from './phasor.ts';
import { nearest, type QSet } from './qset.ts';
import { setRestart } from '../engine/contract.ts';

/** Added to the logit of q = 0 at init, so units start near the constant 1 with small output weights. */
const ZERO_BIAS = 2;

export interface WeightForward {
  /** The effective real weight N * Re(W), [R, out, in]. */
  w: tf.Tensor;
  P: tf.Tensor;
  N: tf.Tensor;
  ph: ReturnType<typeof phasor> | null;
  penalty: tf.Tensor | null;
  dPenalty: { dP: tf.Tensor; dN: tf.Tensor } | null;
}

/**
 * A matrix of quantized weights for R restarts: the neural quantizer, with
 * the unit phasor as its sign when Q holds no negative value.
 */
export class QuantizedWeight {
  readonly logits: tf.Variable;
  readonly theta: tf.Variable | null;
  readonly qTensor: tf.Tensor1D;

  constructor(
    readonly restarts: number,
    readonly rows: number,
    readonly cols: number,
    readonly q: QSet,
    readonly usePhasor: boolean,
    rng: Random,
  ) {
    const K = q.values.length;
    this.qTensor = tf.tensor1d(q.values as number[], 'float32');
    this.logits = tf.tidy(() => tf.variable(tf.zeros([restarts, rows, cols, K]), true));
    this.theta = usePhasor ? tf.tidy(() => tf.variable(tf.zeros([restarts, rows, cols]), true)) : null;
    for (let r = 0; r < restarts; r++) this.reinit(r, rng);
  }

  get variables(): tf.Variable[] {
    return this.theta ? [this.logits, this.theta] : [this.logits];
  }

  reinit(r: number, rng: Random): void {
    const K = this.q.values.length;
    const zero = this.zeroIndex();
    const logits = new Float32Array(this.rows * this.cols * K);
    for (let i = 0; i < logits.length; i++) logits[i] = rng.normal() + (i % K === zero ? ZERO_BIAS : 0);
    setRestart(this.logits, r, logits);
    if (this.theta) {
      const theta = new Float32Array(this.rows * this.cols);
      for (let i = 0; i < theta.length; i++) theta[i] = rng.normal();
      setRestart(this.theta, r, theta);
    }
  }

  /** Starts restart r's weight (row, col) on a value of Q: a hypothesis the restart trains from. */
  startAt(r: number, row: number, col: number, value: number, strength = 6): void {
    const K = this.q.values.length;
    const n = nearestIndex(this.q.values, Math.abs(value) && this.theta ? Math.abs(value) : value);
    const data = this.logits.dataSync().slice() as Float32Array;
    const base = ((r * this.rows + row) * this.cols + col) * K;
    for (let k = 0; k < K; k++) data[base + k] = k === n ? strength : 0;
    tf.tidy(() => this.logits.assign(tf.tensor(data, this.logits.shape, 'float32')));
  }

  /** Index of the value nearest 0: the "disconnected" value the init leans toward. */
  private zeroIndex(): number {
    let best = 0;
    this.q.values.forEach((v, i) => {
      if (Math.abs(v) < Math.abs(this.q.values[best])) best = i;
    });
    return best;
  }

  forward(lambda: number): WeightForward {
    const { P, N } = quantize(this.logits, this.qTensor);
    const ph = this.theta ? phasor(this.theta) : null;
    const w = ph ? tf.mul(N, ph.re) : N;
    if (lambda <= 0) return { w, P, N, ph, penalty: null, dPenalty: null };
    const pot = potential(P, N, this.qTensor);
    return {
      w,
      P,
      N,
      ph,
      penalty: tf.mul(pot.value, lambda),
      dPenalty: { dP: tf.mul(pot.dP, lambda), dN: tf.mul(pot.dN, lambda) },
    };
  }

  /** Gradients for [logits, theta?] from the gradient on w (plus the penalty's own, and any extra on N). */
  backward(f: WeightForward, dw: tf.Tensor, extraDN?: tf.Tensor): tf.Tensor[] {
    let dN = f.ph ? tf.mul(dw, f.ph.re) : dw;
    if (f.dPenalty) dN = tf.add(dN, f.dPenalty.dN);
    if (extraDN) dN = tf.add(dN, extraDN);
    const dLogits = quantizeBackward(f.P, this.qTensor, dN, f.dPenalty?.dP);
    if (!f.ph) return [dLogits];
    return [dLogits, phasorBackward(f.ph, tf.mul(dw, f.N))];
  }

  /** The talk's full complex weight N * W, with W = exp(i pi sigmoid(theta)) (W = 1 without a phasor). */
  complexWeight(): { re: tf.Tensor; im: tf.Tensor } {
    const { N } = quantize(this.logits, this.qTensor);
    if (!this.theta) return { re: N, im: tf.zerosLike(N) };
    const ph = phasor(this.theta);
    return { re: tf.mul(N, ph.re), im: tf.mul(N, ph.im) };
  }

  /**
   * Every restart's weights, [R][rows][cols], both as trained (N times the
   * phasor's real part) and snapped: each N rounded to its nearest value of
   * Q (never the softmax argmax), times the phasor's snapped sign.
   */
  read(): { trained: number[][][]; snapped: number[][][] } {
    const K = this.q.values.length;
    const logits = this.logits.dataSync();
    const theta = this.theta?.dataSync();
    const trained: number[][][] = [];
    const snapped: number[][][] = [];
    for (let r = 0; r < this.restarts; r++) {
      const tr: number[][] = [];
      const sn: number[][] = [];
      for (let o = 0; o < this.rows; o++) {
        const trow: number[] = [];
        const srow: number[] = [];
        for (let i = 0; i < this.cols; i++) {
          const idx = (r * this.rows + o) * this.cols + i;
          const n = expectation(logits.subarray(idx * K, idx * K + K), this.q.values as number[]);
          const th = theta ? theta[idx] : 0;
          trow.push(theta ? n * Math.cos(Math.PI / (1 + Math.exp(-th))) : n);
          srow.push(nearest(this.q, n) * (theta ? phasorSign(th) : 1));
        }
        tr.push(trow);
        sn.push(srow);
      }
      trained.push(tr);
      snapped.push(sn);
    }
    return { trained, snapped };
  }

  dispose(): void {
    this.qTensor.dispose();
    for (const v of this.variables) v.dispose();
  }
}

function nearestIndex(values: readonly number[], v: number): number {
  let best = 0;
  values.forEach((q, i) => {
    if (Math.abs(q - v) < Math.abs(values[best] - v)) best = i;
  });
  return best;
}
