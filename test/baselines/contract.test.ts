import { beforeAll, describe, expect, it } from 'vitest';
import type * as TF from '@tensorflow/tfjs';
import { backend, relDiff } from '../helpers/backend.ts';
import { buildBaseline, parseBaselineStack } from '../../src/baselines/stack.ts';
import { isFloat64Layer, networkWeights, predict64, restartWeights } from '../../src/baselines/float64.ts';
import { nauNmuRecipe, npuRecipe } from '../../src/baselines/recipes.ts';
import { l1Weight, sparsityWeight } from '../../src/baselines/penalty.ts';
import { setRestart } from '../../src/engine/contract.ts';
import type { StepContext } from '../../src/engine/layer.ts';
import { Trainer } from '../../src/train/trainer.ts';
import { transpose } from '../../src/data/rows.ts';
import { Random } from '../../src/util/random.ts';

let tf: typeof TF;
beforeAll(async () => {
  tf = await backend();
});

const ctx = (step: number, totalSteps = 100): StepContext => ({ step, totalSteps, lambda: 0, parity: 'exact', consistency: 0 });
const STACKS = ['4:tanh 3:relu 2:identity', '3:nalu 2:nalu', '3:nalum 2:nalua', '3:nau 2:nmu', '3:nmu 2:nau', '3:npu 2:nau', '3:realnpu 2:nau'];
const penalties = { ...nauNmuRecipe(10).penalties, npu: npuRecipe().penalties.npu, realnpu: npuRecipe().penalties.realnpu };

function rows(n: number, seed: number): number[][] {
  const rng = new Random(seed);
  return Array.from({ length: n }, () => [0, 0, 0].map(() => (rng.uniform() < 0.5 ? -1 : 1) * rng.between(0.3, 2)));
}

describe('baseline layers share the CALU layer contract', () => {
  for (const stack of STACKS) {
    it(`${stack}: [in, B] -> [R, out, B], float64 forward equals the tfjs forward for every restart`, () => {
      const R = 3;
      const net = buildBaseline(stack, 3, R, new Random(2), penalties);
      const x = rows(17, 4);
      const y = tf.tidy(() => net.forward(tf.tensor2d(transpose(x)), ctx(90)).y.arraySync() as number[][][]);
      expect([y.length, y[0].length, y[0][0].length]).toEqual([R, 2, 17]);
      for (let r = 0; r < R; r++) {
        const p = predict64(net, networkWeights(net, r), x);
        expect(relDiff(p.flatMap((c) => Array.from(c)), y[r].flat())).toBeLessThan(1e-5);
      }
      net.dispose();
    });
  }

  it("computes each paper's equation at known weights, for inputs of either sign", () => {
    const x = [[-1.5, 2], [3, -0.5], [-2, -4], [0.5, 1.25]];
    const at = (stack: string, values: number[][]) => {
      const net = buildBaseline(stack, 2, 1, new Random(1));
      net.layers[0].variables.forEach((v, i) => setRestart(v, 0, values[i]));
      const y = predict64(net, networkWeights(net, 0), x)[0];
      const t = tf.tidy(() => net.forward(tf.tensor2d(transpose(x)), ctx(0)).y.dataSync());
      net.dispose();
      return { y: Array.from(y), t: Array.from(t) };
    };
    const expectRows = (got: { y: number[]; t: number[] }, f: (a: number, b: number) => number) =>
      x.forEach(([a, b], i) => {
        expect(got.y[i]).toBeCloseTo(f(a, b), 5);
        expect(got.t[i]).toBeCloseTo(f(a, b), 4);
      });
    expectRows(at('1:nau', [[1, -1]]), (a, b) => a - b);
    expectRows(at('1:nmu', [[1, 1]]), (a, b) => a * b);
    expectRows(at('1:nmu', [[1, 0]]), (a) => a);
    // Wre, g, Wim: the complex phase carries the sign.
    expectRows(at('1:npu', [[1, 1], [1, 1], [0, 0]]), (a, b) => a * b);
    expectRows(at('1:realnpu', [[1, -1], [1, 1]]), (a, b) => a / b);
    // g = 0 gates an input out: r = 1, k = 0.
    expectRows(at('1:realnpu', [[1, 1], [1, 0]]), (a) => a);
    // NALU weights saturate toward 1: tanh(20) * sigmoid(20) = 1 to float32 precision; the log path loses the sign.
    expectRows(at('1:nalum', [[20, 20], [20, 20]]), (a, b) => Math.abs(a * b));
    expectRows(at('1:nalua', [[20, -20], [20, 20]]), (a, b) => a - b);
  });

  it('restarts are independent: reinit redraws one restart and leaves the others bit for bit', () => {
    const net = buildBaseline('3:npu 2:nau', 3, 3, new Random(2));
    const before = [0, 1, 2].map((r) => net.layers.map((l) => restartWeights(l, r)));
    net.reinit(1, new Random(99));
    const after = [0, 1, 2].map((r) => net.layers.map((l) => restartWeights(l, r)));
    expect(after[0]).toEqual(before[0]);
    expect(after[2]).toEqual(before[2]);
    expect(after[1]).not.toEqual(before[1]);
    net.dispose();
  });

  it('penalties come per restart, on the papers\' schedules', () => {
    expect(sparsityWeight({ kind: 'sparsity', scale: 10, start: 0.4, end: 0.7 }, ctx(30))).toBe(0);
    expect(sparsityWeight({ kind: 'sparsity', scale: 10, start: 0.4, end: 0.7 }, ctx(55))).toBeCloseTo(5, 10);
    expect(sparsityWeight({ kind: 'sparsity', scale: 10, start: 0.4, end: 0.7 }, ctx(90))).toBe(10);
    const l1 = { kind: 'l1' as const, betaStart: 1e-7, betaEnd: 1e-5, every: 0.2, growth: 10 };
    const want = [1e-7, 1e-7, 1e-6, 1e-5, 1e-5, 1e-5];
    [0, 19, 20, 40, 60, 99].forEach((s, i) => expect(l1Weight(l1, ctx(s)) / want[i]).toBeCloseTo(1, 12));
    const net = buildBaseline('3:nau 2:nmu', 3, 4, new Random(2), penalties);
    const f = net.forward(tf.tensor2d(transpose(rows(5, 1))), ctx(90));
    expect(f.penalty!.shape).toEqual([4]);
    net.dispose();
  });

  it('every baseline evaluates in float64', () => {
    for (const stack of STACKS) {
      const net = buildBaseline(stack, 3, 1, new Random(1));
      expect(net.layers.every(isFloat64Layer)).toBe(true);
      expect(net.manualGradients).toBe(false);
      net.dispose();
    }
  });

  it('rejects a stack it cannot build, naming the layer', () => {
    expect(() => parseBaselineStack('5:nalu 1:foo')).toThrow(/"1:foo"/);
    expect(parseBaselineStack('8 50:NALU_m 3:NALU_a')).toEqual([
      { kind: 'nalum', units: 50 },
      { kind: 'nalua', units: 3 },
    ]);
  });
});

describe('autodiff training in the batched trainer', () => {
  const data = () => {
    const x = rows(200, 8).map((r) => r.slice(0, 2));
    return { x: transpose(x), y: [x.map(([a, b]) => a * b)] };
  };

  it('keeps the NAU and NMU inside their boxes after every step', () => {
    const net = buildBaseline('2:nau 1:nmu', 2, 2, new Random(3));
    const trainer = new Trainer(net, data(), { steps: 50, batchSize: 64, lr: 0.5, rng: new Random(1) });
    for (let s = 0; s < 20; s++) trainer.run();
    const [nau, nmu] = net.layers.map((l) => Array.from(l.variables[0].dataSync()));
    expect(Math.max(...nau.map(Math.abs))).toBeLessThanOrEqual(1);
    expect(Math.min(...nmu)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...nmu)).toBeLessThanOrEqual(1);
    trainer.dispose();
    net.dispose();
  });

  it('a restart that blows up is redrawn alone, and no tensor leaks', () => {
    const net = buildBaseline('2:npu 1:nau', 2, 2, new Random(3));
    const trainer = new Trainer(net, data(), { steps: 50, batchSize: 64, lr: 5e-3, rng: new Random(1) });
    trainer.run();
    const tensors = tf.memory().numTensors;
    const size = net.layers[0].variables[0].size / 2;
    setRestart(net.layers[0].variables[0], 1, new Float32Array(size).fill(NaN));
    const keep = restartWeights(net.layers[1], 0);
    const res = trainer.run();
    expect(res.reinitialized).toEqual([1]);
    expect(Number.isNaN(res.mse[1])).toBe(true);
    expect(Number.isFinite(res.mse[0])).toBe(true);
    expect(restartWeights(net.layers[1], 0)).not.toEqual(keep); // restart 0 still trained this step
    expect(restartWeights(net.layers[0], 1).every((w) => w.every(Number.isFinite))).toBe(true);
    for (let s = 0; s < 30; s++) trainer.run();
    expect(tf.memory().numTensors).toBe(tensors);
    trainer.dispose();
    net.dispose();
  });

  it('trains each restart as if alone: restart 0 of a batch of 3 follows the run of 1', () => {
    const run = (R: number) => {
      const net = buildBaseline('2:nau 1:nmu', 2, R, new Random(3));
      for (let r = 0; r < R; r++) net.reinit(r, new Random(100 + r));
      const trainer = new Trainer(net, data(), { steps: 40, batchSize: 64, lr: 1e-2, rng: new Random(1) });
      for (let s = 0; s < 40; s++) trainer.run();
      const w = networkWeights(net, 0).flat().flatMap((a) => Array.from(a));
      trainer.dispose();
      net.dispose();
      return w;
    };
    expect(relDiff(run(3), run(1))).toBeLessThan(1e-5);
  });
});
