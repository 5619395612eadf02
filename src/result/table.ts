import type { Rows } from '../data/rows.ts';
import type { ReadFormula } from '../formula/formula.ts';
import type { SnappedLayer } from '../formula/evaluate.ts';
import type { CandidateRow } from '../result.ts';
import type { Found } from '../train/stage.ts';
import { chooseCandidate, constantBaseline, rankCandidates } from './pareto.ts';
import { isMonomialSum, sparserVariants } from './sparser.ts';

/** A candidate read as a formula: the network and its printed, checked tree. */
export interface Entry {
  found: Found;
  formula: ReadFormula;
}

/**
 * One target's candidate table from the formulas read for it (`trail`, in
 * the order they came): each distinct formula once, ranked as PySR ranks
 * its equations, and the one to report. With no exact formula (noisy data,
 * say), sparser versions of the best sum join first, as the simpler
 * candidates. rows: the training rows with that target alone.
 */
export function candidateTable(trail: Entry[], rows: Rows, read: (layers: SnappedLayer[]) => ReadFormula): { rows: Array<Omit<CandidateRow, 'target'>>; chosen: Entry | null } {
  const sums = trail.filter((c) => isMonomialSum(c.formula.layers)).sort((p, q) => p.formula.train.metrics.rmsRelError - q.formula.train.metrics.rmsRelError);
  if (sums.length && !trail.some((c) => c.formula.train.exact)) {
    const s = sums[0];
    for (const layers of sparserVariants(s.formula.layers, rows)) trail.push({ found: { ...s.found, layers, extractor: 'refit' }, formula: read(layers) });
  }
  const distinct = new Map<string, Entry>();
  for (const c of trail) if (!distinct.has(c.formula.text)) distinct.set(c.formula.text, c);
  const list = [...distinct.values()];
  const scored = list.map(({ formula: r }) => ({ complexity: r.complexity, loss: r.train.exact ? 0 : r.train.metrics.rmsRelError, exact: r.train.exact }));
  const baseline = constantBaseline(rows.y.map((t) => t[0]));
  const ranks = rankCandidates(scored, baseline);
  const chosen = list[chooseCandidate(scored, baseline)] ?? null;
  return {
    rows: list.map(({ found: f, formula: r }, i) => ({
      formula: r.text,
      complexity: r.complexity,
      error: r.train.metrics.maxRelError,
      rmsError: r.train.metrics.rmsRelError,
      exact: r.train.exact,
      pareto: ranks[i].pareto,
      score: ranks[i].score,
      chosen: r === chosen?.formula,
      stage: f.stage,
      step: f.step,
    })),
    chosen,
  };
}
