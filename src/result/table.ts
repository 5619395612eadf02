import type { Rows } from '../data/rows.ts';
import type { ReadFormula } from '../formula/formula.ts';
import type { SnappedLayer } from '../formula/evaluate.ts';
import type { CandidateRow } from '../result.ts';
import type { Found } from '../train/stage.ts';
import type { NoiseJudge, Judgement } from './judge.ts';
import type { Judged } from './decidable.ts';
import { chooseCandidate, constantBaseline, rankCandidates } from './pareto.ts';
import { isMonomialSum, sparserVariants } from './sparser.ts';

/** A candidate read as a formula: the network and its printed, checked tree. */
export interface Entry {
  found: Found;
  formula: Judged;
}

/** The reported candidate, with its judgement under noise when nothing is exact. */
export interface Chosen extends Entry {
  noisy: Judgement<Entry> | null;
}

/**
 * One target's candidate table from the formulas read for it (`trail`, in
 * the order they came): each distinct formula once, ranked as PySR ranks
 * its equations, and the one to report. With an exact formula, the
 * simplest exact one is reported. With none (noisy data, say), sparser
 * versions of the best sum join first, as simpler candidates, then
 * `alike` (smaller networks about as good as the best), the shortlist of
 * them is read under noise (judge.ts: coefficients fitted on the fit
 * rows, exact forms within their standard errors, the held-out error) and
 * the selection criterion picks. rows: the training rows with that target
 * alone; heldOut: a formula's relative RMS error on the held-out rows.
 */
export function candidateTable(
  trail: Entry[],
  alike: Entry[],
  rows: Rows,
  read: (layers: SnappedLayer[]) => ReadFormula,
  judge: NoiseJudge,
  heldOut: (r: ReadFormula) => number,
): { rows: Array<Omit<CandidateRow, 'target'>>; chosen: Chosen | null } {
  // A formula that fits every row of too few distinct ones (decidable.ts) is all the data can say: no noise to judge.
  if (!trail.some((c) => c.formula.train.exact || c.formula.undecided)) return noisyTable([...withSparser(trail, rows, read), ...alike], judge, rows.x.length);
  const distinct = new Map<string, Entry>();
  for (const c of trail) if (!distinct.has(c.formula.text)) distinct.set(c.formula.text, c);
  const list = [...distinct.values()];
  const scored = list.map(({ formula: r }) => ({ complexity: r.complexity, loss: r.train.exact ? 0 : r.train.metrics.rmsRelError, exact: r.train.exact }));
  const baseline = constantBaseline(rows.y.map((t) => t[0]));
  const ranks = rankCandidates(scored, baseline);
  const chosen = list[chooseCandidate(scored, baseline)] ?? null;
  return {
    rows: list.map(({ found: f, formula: r }, i) => ({
      ...row(f, r),
      heldOut: heldOut(r),
      pareto: ranks[i].pareto,
      score: ranks[i].score,
      chosen: r === chosen?.formula,
    })),
    chosen: chosen && { ...chosen, noisy: null },
  };
}

/** The trail, with sparser refits of its best sum of monomials after it. */
export function withSparser(trail: Entry[], rows: Rows, read: (layers: SnappedLayer[]) => ReadFormula): Entry[] {
  const sums = trail.filter((c) => isMonomialSum(c.formula.layers)).sort((p, q) => p.formula.train.metrics.rmsRelError - q.formula.train.metrics.rmsRelError);
  if (sums.length === 0) return trail;
  const s = sums[0];
  return [...trail, ...sparserVariants(s.formula.layers, rows).map((layers) => ({ found: { ...s.found, layers, extractor: 'refit' as const }, formula: read(layers) }))];
}

/** Candidates read under noise at most: each costs a joint refit and a search for exact forms. */
const SHORTLIST = 24;

/**
 * The candidates worth reading under noise: those whose residuals could be
 * noise (judge.ts's screen) or, with none, all; at most SHORTLIST of them,
 * by a BIC on the training rows (n ln mse + nodes ln n), in the order they came.
 */
export function shortlist(list: Entry[], judge: NoiseJudge, rows: number): Entry[] {
  const plausible = list.filter((e) => judge.plausible(e.formula));
  const pool = plausible.length ? plausible : list;
  if (pool.length <= SHORTLIST) return pool;
  const cost = (e: Entry) => rows * Math.log(Math.max(e.formula.train.metrics.mse, 1e-300)) + e.formula.complexity * Math.log(Math.max(2, rows));
  const keep = new Set([...pool].sort((a, b) => cost(a) - cost(b)).slice(0, SHORTLIST));
  return pool.filter((e) => keep.has(e));
}

/** The table under noise: one row per distinct reading, ranked on the held-out error, the criterion's pick chosen. */
function noisyTable(all: Entry[], judge: NoiseJudge, rows: number): { rows: Array<Omit<CandidateRow, 'target'>>; chosen: Chosen | null } {
  const list = shortlist(all, judge, rows);
  const j = judge.judge(list.map((e) => ({ source: e, formula: e.formula })));
  const scored = j.rows.map((r) => ({ complexity: r.reading.formula.complexity, loss: r.reading.heldOut.rmsRelError, exact: false }));
  const ranks = rankCandidates(scored);
  const pick = j.rows[j.chosen];
  return {
    rows: j.rows.map((r, i) => ({
      ...row(r.source.found, r.reading.formula),
      heldOut: r.reading.heldOut.rmsRelError,
      withinNoise: r.withinNoise,
      pareto: ranks[i].pareto,
      score: ranks[i].score,
      chosen: i === j.chosen,
    })),
    chosen: pick ? { found: pick.source.found, formula: pick.reading.formula, noisy: j } : null,
  };
}

function row(f: Found, r: ReadFormula) {
  return { formula: r.text, complexity: r.complexity, error: r.train.metrics.maxRelError, rmsError: r.train.metrics.rmsRelError, exact: r.train.exact, stage: f.stage, step: f.step };
}
