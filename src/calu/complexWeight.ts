import * as tf from '@tensorflow/tfjs';
import type { Random } from '../util/random.ts';
import { quantizeBackward } from './quantizer.ts';
import { nearestComplex, type ComplexQ } from './complexQ.ts';
import { setRestart } from '../engine/contract.ts';

/** Added to the logit of 0 at init, as for real weights: units start near exp(0) = 1. */
const ZERO_BIAS = 2;
/** Keeps log(1 - P) finite in float32 once a weight has settled. */
const P_MAX = 1 - 1e-6;
/** Keeps the complex distance differentiable where N sits on a value of Q. */
const DIST_EPS = 1e-12;

export interface ComplexWeightForward {
  re: tf.Tensor;
  im: tf.Tensor;
  P: tf.Tensor;
  penalty: tf.Tensor | null;
  dPenalty: { dP: tf.Tensor; dRe: tf.Tensor; dIm: tf.Tensor } | null;
}

/**
 * A matrix of complex quantized weights for R restarts: the neural quantizer
 * over a complex Q, N = sum_n q_n softmax(Nhat)_n, so one weight can settle
 * on the real axis (exp) or the imaginary axis (cos, sin).
 */
export class ComplexWeight {
  readonly logits: tf.Variable;
  private readonly qre: tf.Tensor1D;
  private readonly qim: tf.Tensor1D;

  constructor(
    readonly restarts: number,
    readonly rows: number,
    readonly cols: number,
    readonly q: ComplexQ,
    rng: Random,
  ) {
    this.qre = tf.tensor1d(q.re as number[], 'float32');
    this.qim = tf.tensor1d(q.im as number[], 'float32');
    this.logits = tf.tidy(() => tf.variable(tf.zeros([restarts, rows, cols, q.re.length]), true));
    for (let r = 0; r < restarts; r++) this.reinit(r, rng);
  }

  get variables(): tf.Variable[] {
    return [this.logits];
  }

  reinit(r: number, rng: Random): void {
    const K = this.q.re.length;
    const zero = this.indexOf(0, 0);
    const logits = new Float32Array(this.rows * this.cols * K);
    for (let i = 0; i < logits.length; i++) logits[i] = rng.normal() + (i % K === zero ? ZERO_BIAS : 0);
    setRestart(this.logits, r, logits);
  }

  private indexOf(a: number, b: number): number {
    return nearestComplex(this.q, a, b);
  }

  /**
   * The quantized weights, and with lambda > 0 the regularization potential
   * -E = -sum_n |N - n| log(1 - P_n) with the complex distance |N - n|.
   */
  forward(lambda: number): ComplexWeightForward {
    const P = tf.softmax(this.logits);
    const re = tf.sum(tf.mul(P, this.qre), -1);
    const im = tf.sum(tf.mul(P, this.qim), -1);
    if (lambda <= 0) return { re, im, P, penalty: null, dPenalty: null };
    const dr = tf.sub(tf.expandDims(re, -1), this.qre);
    const di = tf.sub(tf.expandDims(im, -1), this.qim);
    const dist = tf.sqrt(tf.add(tf.add(tf.square(dr), tf.square(di)), DIST_EPS));
    const oneMinus = tf.sub(1, tf.minimum(P, P_MAX));
    const g = tf.neg(tf.log(oneMinus));
    const value = tf.sum(tf.reshape(tf.mul(dist, g), [this.restarts, -1]), 1);
    const dP = tf.where(tf.less(P, P_MAX), tf.div(dist, oneMinus), tf.zerosLike(P));
    const gOverDist = tf.div(g, dist);
    return {
      re,
      im,
      P,
      penalty: tf.mul(value, lambda),
      dPenalty: {
        dP: tf.mul(dP, lambda),
        dRe: tf.mul(tf.sum(tf.mul(dr, gOverDist), -1), lambda),
        dIm: tf.mul(tf.sum(tf.mul(di, gOverDist), -1), lambda),
      },
    };
  }

  /** The gradient on the logits from gradients on the real and imaginary parts (the penalty's own added). */
  backward(f: ComplexWeightForward, dRe: tf.Tensor, dIm: tf.Tensor): tf.Tensor {
    const gRe = f.dPenalty ? tf.add(dRe, f.dPenalty.dRe) : dRe;
    const gIm = f.dPenalty ? tf.add(dIm, f.dPenalty.dIm) : dIm;
    // The softmax Jacobian is linear in its input, so both parts' contributions add.
    return tf.add(quantizeBackward(f.P, this.qre, gRe, f.dPenalty?.dP), quantizeBackward(f.P, this.qim, gIm));
  }

  /** Every restart's weights, [R][rows][cols] as (re, im), as trained and snapped to the nearest value of Q. */
  read(): { trained: Array<Array<Array<[number, number]>>>; snapped: Array<Array<Array<[number, number]>>> } {
    const K = this.q.re.length;
    const logits = this.logits.dataSync();
    const trained: Array<Array<Array<[number, number]>>> = [];
    const snapped: Array<Array<Array<[number, number]>>> = [];
    for (let r = 0; r < this.restarts; r++) {
      const tr: Array<Array<[number, number]>> = [];
      const sn: Array<Array<[number, number]>> = [];
      for (let o = 0; o < this.rows; o++) {
        const trow: Array<[number, number]> = [];
        const srow: Array<[number, number]> = [];
        for (let i = 0; i < this.cols; i++) {
          const base = ((r * this.rows + o) * this.cols + i) * K;
          let max = -Infinity;
          for (let k = 0; k < K; k++) max = Math.max(max, logits[base + k]);
          let z = 0;
          let a = 0;
          let b = 0;
          for (let k = 0; k < K; k++) {
            const p = Math.exp(logits[base + k] - max);
            z += p;
            a += p * this.q.re[k];
            b += p * this.q.im[k];
          }
          a /= z;
          b /= z;
          const n = this.indexOf(a, b);
          trow.push([a, b]);
          srow.push([this.q.re[n], this.q.im[n]]);
        }
        tr.push(trow);
        sn.push(srow);
      }
      trained.push(tr);
      snapped.push(sn);
    }
    return { trained, snapped };
  }

  /** Starts restart r's weight (row, col) on a value of Q: a hypothesis the restart trains from. */
  startAt(r: number, row: number, col: number, value: [number, number], strength = 6): void {
    const K = this.q.re.length;
    const n = this.indexOf(value[0], value[1]);
    const data = this.logits.dataSync().slice() as Float32Array;
    const base = ((r * this.rows + row) * this.cols + col) * K;
    for (let k = 0; k < K; k++) data[base + k] = k === n ? strength : 0;
    tf.tidy(() => this.logits.assign(tf.tensor(data, this.logits.shape, 'float32')));
  }

  dispose(): void {
    this.qre.dispose();
    this.qim.dispose();
    this.logits.dispose();
  }
}
