import { beforeAll, describe, expect, it } from 'vitest';
import type * as TF from '@tensorflow/tfjs';
import { backend, relDiff } from '../helpers/backend.ts';
import { ratioLoss } from '../../src/train/loss.ts';

let tf: typeof TF;
beforeAll(async () => {
  tf = await backend();
});

describe('the loss of a rational stage', () => {
  it('is 0 exactly when N = t D, whatever the scale of N and D', () => {
    const t = tf.tensor2d([[2, -3, 0.5]]);
    const D = [1.5, 2, -4];
    const N = D.map((d, i) => d * [2, -3, 0.5][i]);
    const y = tf.tensor3d([[N, D], [N.map((v) => 7 * v), D.map((v) => 7 * v)]]);
    const { loss } = ratioLoss(y, t);
    expect(Array.from(loss.dataSync())).toEqual([0, 0]);
  });

  it('back-propagates like autodiff', () => {
    const y = tf.randomNormal([3, 4, 16], 0, 1, 'float32', 1);
    const t = tf.randomNormal([2, 16], 0, 1, 'float32', 2);
    const auto = tf.grad((v: TF.Tensor) => tf.sum(ratioLoss(v, t).loss))(y);
    expect(relDiff(ratioLoss(y, t).dy.dataSync(), auto.dataSync())).toBeLessThan(1e-4);
  });
});
