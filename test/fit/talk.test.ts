import { describe, expect, it } from 'vitest';
import { rowsOf } from '../../src/data/rows.ts';
import { parse } from 'mathjs';
import { fit } from '../../src/fit.ts';
import { TALK_TASKS } from '../../src/bench/talkTasks.ts';
import { sample } from '../helpers/samples.ts';

/**
 * The contract: given data from a known formula, calu returns that formula.
 * Judged by float64 equivalence on the extrapolation file, not by strings.
 */
describe('every talk task is recovered exactly from its sample', () => {
  for (const task of TALK_TASKS) {
    it(task.name, async () => {
      const { train, test } = sample(task.name);
      const result = await fit(train, { seed: 3, test, maxSeconds: 200 });
      expect(result.stoppedBy).toBe('solved');
      result.outputs.forEach((o, k) => {
        expect(o.exact, `${o.target} = ${o.formula}`).toBe(true);
        // Independently of calu's own check: parse the printed text and compare on the test rows.
        const code = parse(o.formula).compile();
        rowsOf(test).x.forEach((row, i) => {
          const scope = Object.fromEntries(result.symbols.map((s, j) => [s, row[j]]));
          const want = task.f(row)[k];
          const got = code.evaluate(scope) as number;
          expect(Math.abs(got - want), `${o.target} at test row ${i}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(want)));
        });
      });
    });
  }
});
