import { beforeAll, describe, expect, it } from 'vitest';
import { hypotheses, startOnHypotheses } from '../../src/train/hypotheses.ts';
import { rankedArguments } from '../../src/train/rankedArguments.ts';
import { buildNetwork, parseStack } from '../../src/calu/stack.ts';
import { PRESETS } from '../../src/calu/qset.ts';
import { snapNetwork } from '../../src/formula/snap.ts';
import { Random } from '../../src/util/random.ts';
import { backend } from '../helpers/backend.ts';

beforeAll(async () => {
  await backend();
});

function data(f: (v: number[]) => number, D: number, seed = 3) {
  const rng = new Random(seed);
  const x = Array.from({ length: 128 }, () => Array.from({ length: D }, () => rng.between(1, 5)));
  return { x, y: x.map(f) };
}

describe('argument hypotheses', () => {
  it('start with the sines and cosines of one input, then rank the rest by a dictionary fit', () => {
    const { x, y } = data(([U, k, d]) => 2 * U * (1 - Math.cos(k * d)), 3);
    const list = hypotheses('e', x, y);
    // Three inputs, two turns each (i and i/2).
    expect(list.slice(0, 6).map((h) => [h.exponents, h.weight])).toEqual([
      [[1, 0, 0], [0, 1]],
      [[1, 0, 0], [0, 0.5]],
      [[0, 1, 0], [0, 1]],
      [[0, 1, 0], [0, 0.5]],
      [[0, 0, 1], [0, 1]],
      [[0, 0, 1], [0, 0.5]],
    ]);
    // Then the differences of two inputs, cos(x_j - x_k), unranked too.
    expect(list.slice(6, 9).map((h) => [h.exponents, h.second?.exponents, h.second?.weight])).toEqual([
      [[1, 0, 0], [0, 1, 0], [0, -1]],
      [[1, 0, 0], [0, 0, 1], [0, -1]],
      [[0, 1, 0], [0, 0, 1], [0, -1]],
    ]);
    // cos(k d) explains this target exactly beside U: it ranks first of the rest.
    expect(list[9]).toEqual({ exponents: [0, 1, 1], weight: [0, 1] });
    // Products of two inputs (3), each with two turns; differences of two (3); exponentials of x_j^+-1 (6) and of two-input ratios and products (12), each with two signs.
    expect(list).toHaveLength(6 + 3 + 6 + 2 * (6 + 12));
  });

  it('for logarithm units, rank log(V2/V1) first when it is the logarithm the target holds', () => {
    const { x, y } = data(([n, V1, V2]) => n * Math.log(V2 / V1), 3, 4);
    expect(hypotheses('l', x, y)[0].exponents).toEqual([0, -1, 1]);
  });

  it('start each restart of a feature stage on its own hypothesis', () => {
    const { x, y } = data(([U, k, d]) => 2 * U * (1 - Math.cos(k * d)), 3);
    const list = hypotheses('e', x, y);
    const net = buildNetwork(parseStack('2:m 1:e+ 4:m 1:a'), 3, 8, PRESETS.int(), new Random(5));
    startOnHypotheses(net, list);
    const { snapped } = snapNetwork(net);
    snapped.forEach((layers, r) => {
      expect(layers[0].weights[0]).toEqual(list[r].exponents);
      expect([layers[1].weights[0][0], layers[1].imag![0][0]]).toEqual(list[r].weight);
      expect([layers[1].weights[0][1], layers[1].imag![0][1]]).toEqual(list[r].second?.weight ?? [0, 0]);
    });
    // More restarts than hypotheses: the list starts again.
    const few = list.slice(0, 3);
    startOnHypotheses(net, few);
    snapNetwork(net).snapped.forEach((layers, r) => {
      expect(layers[0].weights[0]).toEqual(few[r % 3].exponents);
      expect([layers[1].weights[0][1], layers[1].imag![0][1]]).toEqual([0, 0]);
    });
  });
});

describe('a frozen block of turns', () => {
  it('gives cos and sin of one input per restart, exactly, and keeps them through training and fresh draws', async () => {
    const { turns } = await import('../../src/train/hypotheses.ts');
    const spec = parseStack('1:m 1:e+ 4:m 1:a');
    spec.layers[1].frozen = true;
    const net = buildNetwork(spec, 3, 6, PRESETS.int(), new Random(7));
    startOnHypotheses(net, turns(3));
    const before = snapNetwork(net).snapped;
    before.forEach((layers, r) => {
      expect(layers[0].weights).toEqual([[0, 1, 2].map((j) => (j === r % 3 ? 1 : 0))]);
      expect(layers[1]).toMatchObject({ kind: 'caluE', weights: [[0]], imag: [[1]], join: true });
    });
    // The block has no trainable weights, and a fresh draw of a restart leaves it as set.
    expect(net.layers[0].variables).toEqual([]);
    net.reinit(1, new Random(8));
    expect(snapNetwork(net).snapped[1].slice(0, 2)).toEqual(before[1].slice(0, 2));
  });

  it('rank exponentials of monomials up to five inputs by a log-linear fit, every scale of the best first', () => {
    // n0 exp(-m g x/(kb T)): the argument has five of the six inputs.
    const boltzmann = data(([n0, m, x, T, g, kb]) => n0 * Math.exp(-(m * g * x) / (kb * T)), 6);
    const list = rankedArguments('exp', boltzmann.x, boltzmann.y, 8);
    expect(list).toHaveLength(8);
    expect(list.slice(0, 3).map((h) => h.exponents)).toEqual(Array(3).fill([0, 1, 1, -1, 1, -1]));
    // Planck's 1/(exp(h omega/(2 pi kb T)) - 1), fitted as 1/y: the same argument at all four scales, 1/(2 pi) first.
    const planck = data(([h, w, k, T]) => Math.exp((h * w) / (2 * Math.PI * k * T)) - 1, 4);
    expect(rankedArguments('exp', planck.x, planck.y, 4).map((h) => [h.exponents, h.weight[0]])).toEqual([
      [[1, 1, -1, -1], 1 / (2 * Math.PI)],
      [[1, 1, -1, -1], 0.5],
      [[1, 1, -1, -1], 1],
      [[1, 1, -1, -1], 2],
    ]);
  });

  it('rank phases too: sin(2 pi E t/h)^2 puts E t/h at 2 pi first', () => {
    const rng = new Random(4);
    const x = Array.from({ length: 128 }, () => [rng.between(1, 2), rng.between(1, 2), rng.between(1, 4)]);
    const y = x.map(([E, t, h]) => Math.sin((2 * Math.PI * E * t) / h) ** 2);
    expect(rankedArguments('turn', x, y, 2)).toEqual([
      { exponents: [1, 1, -1], weight: [0, 2 * Math.PI] },
      { exponents: [1, 1, -1], weight: [0, Math.PI] },
    ]);
  });
});
