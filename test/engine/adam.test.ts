import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { BatchedAdam } from '../../src/engine/adam.ts';

/** Adam for one scalar weight, in float64: the textbook update. */
function reference(w: number, grads: number[], lr: number): number {
  let m = 0;
  let v = 0;
  grads.forEach((g, i) => {
    const t = i + 1;
    m = 0.9 * m + 0.1 * g;
    v = 0.999 * v + 0.001 * g * g;
    w -= (lr * m) / (1 - 0.9 ** t) / (Math.sqrt(v / (1 - 0.999 ** t)) + 1e-8);
  });
  return w;
}

describe('BatchedAdam', () => {
  it('updates variables of different shapes through one flat buffer as Adam does each weight', () => {
    const a = tf.variable(tf.tensor([1, 2, 3, 4, 5, 6], [2, 3]));
    const b = tf.variable(tf.tensor([0.5, -0.5, 1, -1, 2, -2, 3, -3], [2, 2, 2]));
    const adam = new BatchedAdam([a, b], 2, { lr: 0.1 });
    const gradsA = [0.3, -1, 2, 0.1, -0.2, 5];
    const gradsB = [1, -1, 0.5, 0.25, -3, 2, 0.01, -0.7];
    const steps = 4;
    for (let s = 0; s < steps; s++) {
      tf.tidy(() => adam.apply(adam.flatten([tf.tensor(gradsA.map((g) => g * (s + 1)), [2, 3]), tf.tensor(gradsB.map((g) => g / (s + 1)), [2, 2, 2])])));
    }
    const wantA = [1, 2, 3, 4, 5, 6].map((w, i) => reference(w, Array.from({ length: steps }, (_, s) => gradsA[i] * (s + 1)), 0.1));
    const wantB = [0.5, -0.5, 1, -1, 2, -2, 3, -3].map((w, i) => reference(w, Array.from({ length: steps }, (_, s) => gradsB[i] / (s + 1)), 0.1));
    Array.from(a.dataSync()).forEach((w, i) => expect(w).toBeCloseTo(wantA[i], 5));
    Array.from(b.dataSync()).forEach((w, i) => expect(w).toBeCloseTo(wantB[i], 5));
    expect(a.shape).toEqual([2, 3]);
    expect(b.shape).toEqual([2, 2, 2]);
    adam.dispose();
    a.dispose();
    b.dispose();
  });

  it("restarts one restart's bias correction and moments on reset, leaving the others", () => {
    const x = tf.variable(tf.tensor([1, 1], [2, 1]));
    const adam = new BatchedAdam([x], 2, { lr: 0.1 });
    for (let s = 0; s < 3; s++) tf.tidy(() => adam.apply(adam.flatten([tf.tensor([1, 1], [2, 1])])));
    adam.reset(1);
    tf.tidy(() => adam.apply(adam.flatten([tf.tensor([-2, -2], [2, 1])])));
    const [r0, r1] = Array.from(x.dataSync());
    expect(r0).toBeCloseTo(reference(1, [1, 1, 1, -2], 0.1), 5);
    // Restart 1 after its reset: three steps of the old run, then a fresh first step.
    expect(r1).toBeCloseTo(reference(1, [1, 1, 1], 0.1) + reference(0, [-2], 0.1), 5);
    adam.dispose();
    x.dispose();
  });

  it('forgets the NaN moments of a restart that blew up, and only its own', () => {
    const x = tf.variable(tf.tensor([1, 1, 1, 1], [2, 2]));
    const adam = new BatchedAdam([x], 2, { lr: 0.1 });
    tf.tidy(() => adam.apply(adam.flatten([tf.tensor([1, 1, NaN, Infinity], [2, 2])])));
    adam.reset(1);
    x.assign(tf.tensor([x.dataSync()[0], x.dataSync()[1], 1, 1], [2, 2]));
    tf.tidy(() => adam.apply(adam.flatten([tf.tensor([1, 1, -2, -2], [2, 2])])));
    const w = Array.from(x.dataSync());
    expect(w[0]).toBeCloseTo(reference(1, [1, 1], 0.1), 5);
    expect(w[2]).toBeCloseTo(reference(1, [-2], 0.1), 5);
    expect(w.every(Number.isFinite)).toBe(true);
    adam.dispose();
    x.dispose();
  });
});
