import { beforeAll, describe, expect, it } from 'vitest';
import type * as TF from '@tensorflow/tfjs';
import { backend, relDiff } from '../helpers/backend.ts';
import { expectation, quantize, quantizeBackward } from '../../src/calu/quantizer.ts';
import { potential } from '../../src/calu/potential.ts';
import { nearest, parseQ, PRESETS } from '../../src/calu/qset.ts';
import { Random } from '../../src/util/random.ts';

let tf: typeof TF;
beforeAll(async () => {
  tf = await backend();
});

const Q = [-2, -1, 0, 1, 2];
function randomLogits(shape: number[], seed: number): number[] {
  const rng = new Random(seed);
  return Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => 2 * rng.normal());
}

describe('the neural quantizer', () => {
  it('gives N = sum_n n softmax(Nhat)_n', () => {
    const logits = randomLogits([3, 5], 1);
    const { N } = quantize(tf.tensor(logits, [3, 5]), tf.tensor1d(Q));
    const n = N.dataSync();
    for (let i = 0; i < 3; i++) expect(n[i]).toBeCloseTo(expectation(logits.slice(5 * i, 5 * i + 5), Q), 5);
  });

  it('back-propagates dN/dNhat_n = P_n (n - N), as autodiff does', () => {
    const L = tf.tensor(randomLogits([2, 3, 5], 2), [2, 3, 5]);
    const q = tf.tensor1d(Q);
    const c = tf.tensor(randomLogits([2, 3], 3), [2, 3]);
    const auto = tf.grad((l: TF.Tensor) => tf.sum(tf.mul(quantize(l, q).N, c)))(L);
    const { P } = quantize(L, q);
    const manual = quantizeBackward(P, q, c);
    expect(relDiff(manual.dataSync(), auto.dataSync())).toBeLessThan(1e-5);
  });

  it('snaps by rounding N to the nearest value of Q, not by the argmax of the softmax', () => {
    // The case from the notes: N = 1.000 with P = [.07, .15, .07, .16, .56] over {-2..2}; argmax says 2.
    const P = [0.07, 0.15, 0.07, 0.16, 0.55];
    const N = P.reduce((s, p, i) => s + p * Q[i], 0);
    expect(N).toBeCloseTo(0.97, 10);
    expect(Q[P.indexOf(Math.max(...P))]).toBe(2);
    expect(nearest(PRESETS.int(), N)).toBe(1);
  });
});

describe('the regularization potential', () => {
  it('is -E = -sum_n |N-n| log(1-P_n) >= 0, and 0 only once P is one-hot', () => {
    const q = tf.tensor1d(Q);
    const spread = quantize(tf.tensor([[0, 0, 0, 0, 0]], [1, 1, 5]), q);
    const sharp = quantize(tf.tensor([[0, 0, 0, 30, 0]], [1, 1, 5]), q);
    const vSpread = potential(spread.P, spread.N, q).value.dataSync()[0];
    const vSharp = potential(sharp.P, sharp.N, q).value.dataSync()[0];
    expect(vSpread).toBeGreaterThan(0.5);
    expect(vSharp).toBeGreaterThanOrEqual(0);
    expect(vSharp).toBeLessThan(1e-5);
  });

  it('returns the gradients of -E with respect to P and N', () => {
    const q = tf.tensor1d(Q);
    const { P, N } = quantize(tf.tensor(randomLogits([2, 2, 5], 4), [2, 2, 5]), q);
    const f = (p: TF.Tensor, n: TF.Tensor) => tf.sum(tf.mul(tf.abs(tf.sub(tf.expandDims(n, -1), q)), tf.neg(tf.log(tf.sub(1, p)))));
    const [gP, gN] = tf.grads(f)([P, N]);
    const pot = potential(P, N, q);
    expect(relDiff(pot.dP.dataSync(), gP.dataSync())).toBeLessThan(1e-5);
    expect(relDiff(pot.dN.dataSync(), gN.dataSync())).toBeLessThan(1e-5);
    expect(pot.value.shape).toEqual([2]);
  });
});

describe('Q', () => {
  it('parses presets, ranges and lists with named constants', () => {
    expect(parseQ('int').values).toEqual([-2, -1, 0, 1, 2]);
    expect(parseQ('0..3').values).toEqual([0, 1, 2, 3]);
    expect(parseQ('-1..1:0.5').values).toEqual([-1, -0.5, 0, 0.5, 1]);
    const named = parseQ('1,pi,e');
    expect(named.values).toEqual([1, Math.E, Math.PI]);
    expect(named.names).toEqual(['1', 'e', 'pi']);
  });

  it('rejects what is not a set of values', () => {
    expect(() => parseQ('3')).toThrow('needs at least two values');
    expect(() => parseQ('1,tau')).toThrow('"tau" is not a number');
    expect(() => parseQ('1,1')).toThrow('twice');
    expect(() => parseQ('3..1')).toThrow('from low to high');
  });
});
