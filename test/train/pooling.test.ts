import { beforeAll, describe, expect, it } from 'vitest';
import { backend } from '../helpers/backend.ts';
import { poolNetworks, poolsMonomials } from '../../src/train/pooling.ts';
import { buildNetwork, parseStack } from '../../src/calu/stack.ts';
import { CaluM } from '../../src/calu/caluM.ts';
import { PRESETS } from '../../src/calu/qset.ts';
import { setRestart } from '../../src/engine/contract.ts';
import { snapNetwork } from '../../src/formula/snap.ts';
import { Random } from '../../src/util/random.ts';

beforeAll(async () => {
  await backend();
});

const Q = PRESETS.int();

/** Sets every CALUm exponent of restart r to the given values, the quantizer settled on them. */
function settle(m: CaluM, r: number, exponents: number[][]): void {
  const K = Q.values.length;
  const logits = exponents.flatMap((row) => row.flatMap((e) => Q.values.map((v) => (v === e ? 40 : 0))));
  expect(logits).toHaveLength(exponents.length * exponents[0].length * K);
  setRestart(m.weight.logits, r, logits);
}

describe('pooling across restarts', () => {
  it('applies to m -> a stacks only', () => {
    const rng = new Random(1);
    const ma = buildNetwork(parseStack('2:m 1:a'), 2, 1, Q, rng);
    const ama = buildNetwork(parseStack('3:a 2:m 1:a'), 2, 1, Q, rng);
    expect(poolsMonomials(ma)).toBe(true);
    expect(poolsMonomials(ama)).toBe(false);
    ma.dispose();
    ama.dispose();
  });

  it('combines monomials that no single restart holds together', () => {
    const net = buildNetwork(parseStack('2:m 1:a'), 2, 2, Q, new Random(2));
    const m = net.layers[0] as CaluM;
    settle(m, 0, [[1, 1], [0, 0]]);
    settle(m, 1, [[2, 0], [0, 0]]);
    const rng = new Random(3);
    const x = Array.from({ length: 40 }, () => [rng.between(1, 2), rng.between(1, 2)]);
    // y = x1 x2 - x1^2 (restart 0 has x1 x2, restart 1 has x1^2), and a second target no pool can give.
    const rows = { x, y: x.map(([a, b]) => [a * b - a * a, Math.exp(a)]), precision: x.map(() => [0, 0]) };
    const [sum, none] = poolNetworks(net, snapNetwork(net).snapped, rows, 1e-9);
    expect(none).toBeNull();
    const terms = Object.fromEntries(sum![0].weights.map((e, k) => [e.join(','), sum![1].weights[0][k]]));
    expect(Object.keys(terms).sort()).toEqual(['1,1', '2,0']);
    expect(terms['1,1']).toBeCloseTo(1, 9);
    expect(terms['2,0']).toBeCloseTo(-1, 9);
    net.dispose();
  });
});
