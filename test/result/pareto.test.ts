import { describe, expect, it } from 'vitest';
import { chooseCandidate, constantBaseline, rankCandidates } from '../../src/result/pareto.ts';

const c = (complexity: number, loss: number, exact = false) => ({ complexity, loss, exact });

describe('the candidate table', () => {
  it('marks the Pareto front of complexity and error', () => {
    const ranks = rankCandidates([c(3, 0.5), c(5, 0.1), c(7, 0.2), c(9, 0.01), c(4, 0.5)]);
    expect(ranks.map((r) => r.pareto)).toEqual([true, true, false, true, false]);
  });

  it("scores each front member by PySR's drop in log error per added node", () => {
    const ranks = rankCandidates([c(3, 0.5), c(5, 0.1), c(9, 0.01)]);
    expect(ranks[0].score).toBe(0);
    expect(ranks[1].score).toBeCloseTo(Math.log(5) / 2, 12);
    expect(ranks[2].score).toBeCloseTo(Math.log(10) / 4, 12);
  });

  it('chooses the simplest exact formula whenever there is one', () => {
    expect(chooseCandidate([c(9, 0, true), c(3, 0.5), c(7, 0, true)])).toBe(2);
  });

  it('otherwise chooses the best-scoring front member within 1.5 times the smallest error', () => {
    // 0.0101 is within 1.5x of 0.01 and was reached by a big drop for 2 nodes; 0.01 took 10 more nodes.
    expect(chooseCandidate([c(3, 1), c(5, 0.0101), c(15, 0.01)])).toBe(1);
    // Outside 1.5x the smallest error, a simpler formula is not chosen however well it scores.
    expect(chooseCandidate([c(3, 1), c(5, 0.1), c(15, 0.01)])).toBe(2);
  });

  it('scores the simplest member against the constant that best fits the target', () => {
    // Noisy data: the one-term formula and its elaborations all leave about the noise.
    const list = [c(15, 0.00109), c(5, 0.00110), c(7, 0.001095)];
    const baseline = constantBaseline([1, 2, 3, 4]);
    expect(baseline.loss).toBeCloseTo(Math.sqrt(1.25 / 7.5), 12);
    expect(rankCandidates(list, baseline)[1].score).toBeCloseTo(-(Math.log(0.0011) - Math.log(baseline.loss)) / 4, 12);
    expect(chooseCandidate(list, baseline)).toBe(1);
    // Without the baseline the simplest member scores 0 and an elaboration wins.
    expect(chooseCandidate(list)).toBe(2);
  });
});
