import { beforeAll, describe, expect, it } from 'vitest';
import { backend } from '../helpers/backend.ts';
import { buildBaseline } from '../../src/baselines/stack.ts';
import { networkWeights, predict64 } from '../../src/baselines/float64.ts';
import { MLP_RECIPE, NALU_RECIPE, nauNmuRecipe, npuRecipe, type Recipe } from '../../src/baselines/recipes.ts';
import { Trainer } from '../../src/train/trainer.ts';
import { transpose } from '../../src/data/rows.ts';
import { Random } from '../../src/util/random.ts';

beforeAll(async () => {
  await backend();
});

interface Case {
  stack: string;
  recipe: Recipe;
  f: (a: number, b: number) => number;
  /** Input range: the NPUs and the NALU's log path are easiest on positive inputs. */
  low: number;
  high: number;
  steps: number;
}

const CASES: Record<string, Case> = {
  'tanh MLP': { stack: '16:tanh 16:tanh 1:identity', recipe: MLP_RECIPE, f: (a, b) => a + b, low: -2, high: 2, steps: 300 },
  'ReLU MLP': { stack: '16:relu 16:relu 1:identity', recipe: MLP_RECIPE, f: (a, b) => a + b, low: -2, high: 2, steps: 300 },
  NALU: { stack: '2:nalu 1:nalu', recipe: NALU_RECIPE, f: (a, b) => a + b, low: 0.5, high: 2, steps: 2000 },
  'NALU_m -> NALU_a': { stack: '2:nalum 1:nalua', recipe: NALU_RECIPE, f: (a, b) => Math.sqrt(a * b), low: 0.5, high: 2, steps: 4000 },
  NAU: { stack: '1:nau', recipe: nauNmuRecipe(0.01), f: (a, b) => a - b, low: -2, high: 2, steps: 1500 },
  NMU: { stack: '1:nmu', recipe: nauNmuRecipe(10), f: (a, b) => a * b, low: -2, high: 2, steps: 300 },
  'NAU -> NMU': { stack: '2:nau 1:nmu', recipe: nauNmuRecipe(10), f: (a, b) => a * b, low: -2, high: 2, steps: 1500 },
  NPU: { stack: '1:npu', recipe: npuRecipe(), f: (a, b) => a * b, low: 0.5, high: 2, steps: 300 },
  RealNPU: { stack: '1:realnpu', recipe: npuRecipe(), f: (a, b) => a * b, low: 0.5, high: 2, steps: 300 },
  'NPU -> NAU': { stack: '2:npu 1:nau', recipe: npuRecipe(), f: (a, b) => a * b, low: 0.5, high: 2, steps: 300 },
};

/**
 * The baselines are real, trained models: on a small task each one's
 * training loss (float64 MSE of its own forward, every seed) ends far
 * below that of the same network untrained.
 */
describe('every baseline learns', () => {
  for (const [name, c] of Object.entries(CASES)) {
    it(name, () => {
      const rng = new Random(11);
      const x = Array.from({ length: 256 }, () => [rng.between(c.low, c.high), rng.between(c.low, c.high)]);
      const y = x.map(([a, b]) => [c.f(a, b)]);
      const R = 2;
      const net = buildBaseline(c.stack, 2, R, new Random(5), c.recipe.penalties);
      const loss = () =>
        Array.from({ length: R }, (_, r) => {
          const p = predict64(net, networkWeights(net, r), x)[0];
          return y.reduce((s, t, i) => s + (p[i] - t[0]) ** 2, 0) / y.length;
        });
      const before = loss();
      const trainer = new Trainer(net, { x: transpose(x), y: transpose(y) }, { steps: c.steps, batchSize: 64, lr: c.recipe.lr, rng: new Random(3) });
      for (let s = 0; s < c.steps; s++) trainer.run();
      const after = loss();
      trainer.dispose();
      net.dispose();
      after.forEach((l, r) => expect(l, `seed ${r}: ${before[r]} -> ${l}`).toBeLessThan(0.1 * before[r]));
    });
  }
});
