import { beforeAll, describe, expect, it } from 'vitest';
import { backend } from '../helpers/backend.ts';
import { Trainer } from '../../src/train/trainer.ts';
import { buildNetwork, parseStack } from '../../src/calu/stack.ts';
import { CaluM } from '../../src/calu/caluM.ts';
import { PRESETS } from '../../src/calu/qset.ts';
import { setRestart } from '../../src/engine/contract.ts';
import { transpose } from '../../src/data/rows.ts';
import { Random } from '../../src/util/random.ts';

beforeAll(async () => {
  await backend();
});

describe('the trainer', () => {
  it('draws afresh only the restart whose loss is not finite', () => {
    const Q = PRESETS.int();
    const net = buildNetwork(parseStack('1:m 1:a'), 1, 3, Q, new Random(1));
    // Restart 1's weights went bad: its loss is not a number.
    const m = net.layers[0] as CaluM;
    setRestart(m.weight.logits, 1, Q.values.map(() => NaN));
    const x = [[0.5], [1], [2], [3]];
    const trainer = new Trainer(net, { x: transpose(x), y: transpose(x.map(([v]) => [2 * v])) }, { steps: 10, batchSize: 8, lr: 0.05, rng: new Random(2) });
    const res = trainer.run();
    expect(res.step).toBe(1);
    expect(res.reinitialized).toEqual([1]);
    expect(Number.isNaN(res.mse[1])).toBe(true);
    expect(Number.isFinite(res.mse[0]) && Number.isFinite(res.mse[2])).toBe(true);
    // Drawn afresh, it trains on: every loss is finite at the next step.
    expect([...trainer.run().mse].every(Number.isFinite)).toBe(true);
    trainer.dispose();
    net.dispose();
  });
});
