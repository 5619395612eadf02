import { describe, expect, it } from 'vitest';
import { readTurnSums } from '../../src/train/sumReading.ts';
import type { Stage } from '../../src/train/stageSetup.ts';
import type { CandidateSink, Found } from '../../src/train/stage.ts';
import { targetRows, type Rows } from '../../src/data/rows.ts';
import { readFormula } from '../../src/formula/formula.ts';
import { Random } from '../../src/util/random.ts';

function rows(f: (v: number[]) => number, D: number, n: number, seed: number): Rows {
  const rng = new Random(seed);
  const x = Array.from({ length: n }, () => Array.from({ length: D }, () => rng.between(1, 4)));
  return { x, y: x.map((v) => [f(v)]), precision: x.map(() => [0]) };
}

/** What readTurnSums reads of a stage: its rows, outputs, index and each target's screening rows. */
function stageOn(all: Rows): Stage {
  const pool = { x: all.x.slice(0, 384), y: all.y.slice(0, 384), precision: all.precision.slice(0, 384) };
  const sample = { x: all.x.slice(0, 128), y: all.y.slice(0, 128), precision: all.precision.slice(0, 128) };
  return {
    job: { outputs: [0], rows: { all, pool, sample }, description: { index: 7 } },
    own: [{ all: targetRows(all, 0), sample: targetRows(sample, 0) }],
  } as unknown as Stage;
}

function sinkOf(offers: Found[]): CandidateSink {
  return { offer: (_o, f) => offers.push(f), solved: () => offers.some((f) => f.screened) };
}

describe('the reading of sums over one argument in a stage', () => {
  it('offers the square root of a law of cosines, screened on every row, as the stage\'s find', () => {
    const all = rows(([a, b, t1, t2]) => Math.sqrt(a * a + b * b + 2 * a * b * Math.cos(t1 + t2)), 4, 600, 11);
    const offers: Found[] = [];
    readTurnSums(stageOn(all), 50, sinkOf(offers));
    const exact = offers.filter((f) => f.screened);
    expect(exact).toHaveLength(1);
    expect(exact[0]).toMatchObject({ stage: 7, step: 50, extractor: 'pool', restart: -1 });
    const f = readFormula(exact[0].layers, ['a', 'b', 't1', 't2'], all);
    expect(f.train.exact).toBe(true);
    expect(f.text).toBe('sqrt(a^2 + 2 * a * b * cos(t1 + t2) + b^2)');
  });

  it('offers nothing for a formula that is no such sum, and nothing once the target is solved', () => {
    const offers: Found[] = [];
    readTurnSums(stageOn(rows(([a, b, c]) => Math.exp(a / b) + c, 3, 600, 2)), 50, sinkOf(offers));
    expect(offers).toEqual([]);
    const solved: CandidateSink = { offer: (_o, f) => offers.push(f), solved: () => true };
    readTurnSums(stageOn(rows(([a, b, t]) => a * Math.cos(t) + b, 3, 600, 2)), 50, solved);
    expect(offers).toEqual([]);
  });
});
