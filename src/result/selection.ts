import { chooseCandidate } from './pareto.ts';

/**
 * Model selection under noise: which candidate to report when none is
 * exact, from its held-out error (coefficients fitted on the other rows)
 * and its complexity. Four criteria; `DEFAULT_CRITERION` is the one that
 * recovered the most equations on the noisy Feynman benchmark (see
 * docs/BENCHMARKS.md, which measures all four on the same candidate tables).
 *
 *   occam  the simplest candidate that fits within noise (fewest nodes, then
 *          the smaller held-out error); with none, as bic
 *   bic    n ln(mse) + k ln(n) over the n held-out rows, k = nodes
 *   mdl    a two-part code in nats: (n/2) ln(mse) for the residuals, ln(A)
 *          per node (A: the inputs and the 7 operators and constants a node
 *          can be), and (1/2) ln(m) per fitted coefficient (m fit rows)
 *   score  PySR's: the best score (drop in log error per added node along
 *          the Pareto front) among candidates within 1.5 times the smallest
 *          held-out error
 */
export type Criterion = 'occam' | 'bic' | 'mdl' | 'score';

export const CRITERIA: Criterion[] = ['occam', 'bic', 'mdl', 'score'];

export const DEFAULT_CRITERION: Criterion = 'occam';

/** What the criteria weigh of one candidate. */
export interface Judged {
  /** Held-out mean square error, and the same relative to the held-out target's RMS. */
  heldMse: number;
  heldRel: number;
  complexity: number;
  /** Coefficients fitted to the data. */
  parameters: number;
  withinNoise: boolean;
}

export interface Sizes {
  held: number;
  fit: number;
  inputs: number;
  /** Held-out relative RMS error of the constant model (the mean of the fit rows): PySR's baseline. */
  baseline: number;
}

/** Index of the candidate the criterion picks, -1 for an empty list. */
export function selectCandidate(list: Judged[], criterion: Criterion, sizes: Sizes): number {
  if (list.length === 0) return -1;
  if (criterion === 'occam') {
    const fits = list.map((c, i) => ({ c, i })).filter(({ c }) => c.withinNoise);
    if (fits.length) return fits.sort((a, b) => a.c.complexity - b.c.complexity || a.c.heldMse - b.c.heldMse)[0].i;
    return selectCandidate(list, 'bic', sizes);
  }
  if (criterion === 'score') {
    const scored = list.map((c) => ({ complexity: c.complexity, loss: finite(c.heldRel), exact: false }));
    return chooseCandidate(scored, { complexity: 1, loss: sizes.baseline, exact: false });
  }
  const cost = list.map((c) => criterionValue(c, criterion, sizes));
  let best = 0;
  cost.forEach((v, i) => {
    if (v < cost[best] || (v === cost[best] && list[i].complexity < list[best].complexity)) best = i;
  });
  return best;
}

/** The value a criterion minimises (bic, mdl). */
export function criterionValue(c: Judged, criterion: 'bic' | 'mdl', sizes: Sizes): number {
  const logMse = Math.log(Math.max(finite(c.heldMse), 1e-300));
  if (criterion === 'bic') return sizes.held * logMse + c.complexity * Math.log(Math.max(2, sizes.held));
  return (sizes.held / 2) * logMse + c.complexity * Math.log(sizes.inputs + 7) + 0.5 * c.parameters * Math.log(Math.max(2, sizes.fit));
}

function finite(v: number): number {
  return Number.isFinite(v) ? v : Number.MAX_VALUE;
}
