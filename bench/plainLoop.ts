import { Random } from '../src/util/random.ts';

/**
 * The reference the batched engine is measured against: one restart of the
 * same m -> a CALU step (quantized weights over Q = -2..2, learned parity,
 * normalized MSE, Adam) as a plain float64 loop with a hand-written
 * gradient. Benchmark-only code.
 */
export class PlainCaluStep {
  private readonly K = 5;
  private readonly Q = [-2, -1, 0, 1, 2];
  private readonly Lm: Float64Array; // [H, I, K]
  private readonly La: Float64Array; // [O, H, K]
  private readonly Lb: Float64Array; // [H, I]
  private readonly params: Float64Array[];
  private readonly m1: Float64Array[];
  private readonly v1: Float64Array[];
  private t = 0;

  constructor(
    readonly inputs: number,
    readonly hidden: number,
    readonly outputs: number,
    rng: Random,
  ) {
    const { K } = this;
    this.Lm = Float64Array.from({ length: hidden * inputs * K }, (_, i) => rng.normal() + (i % K === 2 ? 2 : 0));
    this.La = Float64Array.from({ length: outputs * hidden * K }, (_, i) => rng.normal() + (i % K === 2 ? 2 : 0));
    this.Lb = new Float64Array(hidden * inputs).fill(-2);
    this.params = [this.Lm, this.La, this.Lb];
    this.m1 = this.params.map((p) => new Float64Array(p.length));
    this.v1 = this.params.map((p) => new Float64Array(p.length));
  }

  /** One Adam step on a batch x [B][I], y [B][O]; returns the loss. */
  step(x: number[][], y: number[][], invScale: number[], lr = 0.05): number {
    const { K, Q, hidden: H, inputs: I, outputs: O } = this;
    const B = x.length;
    const softmax = (L: Float64Array, base: number, P: Float64Array) => {
      let max = -Infinity;
      for (let k = 0; k < K; k++) max = Math.max(max, L[base + k]);
      let z = 0;
      for (let k = 0; k < K; k++) z += P[base + k] = Math.exp(L[base + k] - max);
      let n = 0;
      for (let k = 0; k < K; k++) n += (P[base + k] /= z) * Q[k];
      return n;
    };
    const Pm = new Float64Array(this.Lm.length);
    const Pa = new Float64Array(this.La.length);
    const Nm = new Float64Array(H * I);
    const Na = new Float64Array(O * H);
    for (let i = 0; i < H * I; i++) Nm[i] = softmax(this.Lm, i * K, Pm);
    for (let i = 0; i < O * H; i++) Na[i] = softmax(this.La, i * K, Pa);
    const p = this.Lb.map((v) => 1 / (1 + Math.exp(-v)));
    const a = p.map((v) => 1 - 2 * v);
    const dNm = new Float64Array(H * I);
    const dNa = new Float64Array(O * H);
    const dA = new Float64Array(H * I);
    const m = new Float64Array(H);
    const dm = new Float64Array(H);
    let loss = 0;
    for (let b = 0; b < B; b++) {
      const xb = x[b];
      for (let h = 0; h < H; h++) {
        let re = 0;
        let s = 1;
        for (let j = 0; j < I; j++) {
          re += Nm[h * I + j] * Math.log(Math.abs(xb[j]) + 1e-8);
          if (xb[j] < 0) s *= a[h * I + j];
        }
        m[h] = Math.exp(Math.min(re, 60)) * s;
      }
      dm.fill(0);
      for (let o = 0; o < O; o++) {
        let out = 0;
        for (let h = 0; h < H; h++) out += Na[o * H + h] * m[h];
        const diff = out - y[b][o];
        loss += (invScale[o] * diff * diff) / B;
        const g = (2 * invScale[o] * diff) / B;
        for (let h = 0; h < H; h++) {
          dNa[o * H + h] += g * m[h];
          dm[h] += g * Na[o * H + h];
        }
      }
      for (let h = 0; h < H; h++) {
        const gRe = dm[h] * m[h];
        for (let j = 0; j < I; j++) {
          dNm[h * I + j] += gRe * Math.log(Math.abs(xb[j]) + 1e-8);
          if (xb[j] < 0) dA[h * I + j] += gRe / a[h * I + j];
        }
      }
    }
    const back = (P: Float64Array, dN: Float64Array, out: Float64Array) => {
      for (let i = 0; i < dN.length; i++) {
        let dot = 0;
        for (let k = 0; k < K; k++) dot += P[i * K + k] * dN[i] * Q[k];
        for (let k = 0; k < K; k++) out[i * K + k] = P[i * K + k] * (dN[i] * Q[k] - dot);
      }
    };
    const gLm = new Float64Array(this.Lm.length);
    const gLa = new Float64Array(this.La.length);
    back(Pm, dNm, gLm);
    back(Pa, dNa, gLa);
    const gLb = dA.map((d, i) => -2 * d * p[i] * (1 - p[i]));
    this.adam([gLm, gLa, gLb], lr);
    return loss;
  }

  private adam(grads: Float64Array[], lr: number): void {
    this.t++;
    const c1 = 1 - 0.9 ** this.t;
    const c2 = 1 - 0.999 ** this.t;
    grads.forEach((g, i) => {
      const [p, m, v] = [this.params[i], this.m1[i], this.v1[i]];
      for (let k = 0; k < g.length; k++) {
        m[k] = 0.9 * m[k] + 0.1 * g[k];
        v[k] = 0.999 * v[k] + 0.001 * g[k] * g[k];
        p[k] -= (lr * m[k]) / c1 / (Math.sqrt(v[k] / c2) + 1e-8);
      }
    });
  }
}
