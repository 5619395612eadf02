/**
 * The candidate table as PySR keeps it: a candidate is on the Pareto front
 * when no other is at once as simple and more accurate. Its score is the
 * drop in log error per node added since the next simpler front member
 * (PySR's score). With no exact candidate, the chosen one is the
 * best-scoring front member among those within 1.5 times the smallest
 * error, as PySR picks its "best" equation. PySR's front always starts at a
 * constant; here the constant that best fits the target is the baseline the
 * simplest member is scored against, so that a one-term formula on noisy
 * data scores for all the error it removes.
 */
export interface Scored {
  complexity: number;
  /** Relative RMS error on the training rows (0 for an exact formula). */
  loss: number;
  exact: boolean;
}

export interface Ranked {
  pareto: boolean;
  score: number;
}

/** Front membership and score of each candidate, in the given order. */
export function rankCandidates(list: Scored[], baseline?: Scored): Ranked[] {
  const front = list
    .map((c, i) => ({ ...c, i }))
    .filter((c) => !list.some((d, j) => dominates(d, c) || (j < c.i && d.complexity === c.complexity && d.loss === c.loss)))
    .sort((a, b) => a.complexity - b.complexity);
  const out: Ranked[] = list.map(() => ({ pareto: false, score: 0 }));
  front.forEach((c, k) => {
    const prev = front[k - 1] ?? (baseline && baseline.complexity < c.complexity ? baseline : undefined);
    const tiny = 1e-300;
    const score = prev ? -(Math.log(Math.max(c.loss, tiny)) - Math.log(Math.max(prev.loss, tiny))) / (c.complexity - prev.complexity) : 0;
    out[c.i] = { pareto: true, score: Number.isFinite(score) ? score : 0 };
  });
  return out;
}

/** d is as simple and as accurate as c, and better in one of the two. */
function dominates(d: Scored, c: Scored): boolean {
  return d.complexity <= c.complexity && d.loss <= c.loss && (d.complexity < c.complexity || d.loss < c.loss);
}

/** Index of the candidate to report: the simplest exact one, else by PySR's rule. */
export function chooseCandidate(list: Scored[], baseline?: Scored): number {
  if (list.length === 0) return -1;
  const exact = list.map((c, i) => ({ c, i })).filter(({ c }) => c.exact).sort((a, b) => a.c.complexity - b.c.complexity);
  if (exact.length) return exact[0].i;
  const ranks = rankCandidates(list, baseline);
  const best = Math.min(...list.map((c) => c.loss));
  const eligible = list.map((c, i) => ({ c, i, r: ranks[i] })).filter(({ c, r }) => r.pareto && c.loss <= 1.5 * best);
  eligible.sort((a, b) => b.r.score - a.r.score || a.c.loss - b.c.loss);
  return eligible[0]?.i ?? list.map((c, i) => ({ c, i })).sort((a, b) => a.c.loss - b.c.loss)[0].i;
}

/** The constant model of a target: its mean, with the relative RMS error it leaves. */
export function constantBaseline(y: number[]): Scored {
  const n = Math.max(1, y.length);
  const mean = y.reduce((s, v) => s + v, 0) / n;
  const ss = y.reduce((s, v) => s + v * v, 0) / n;
  const sd = Math.sqrt(y.reduce((s, v) => s + (v - mean) ** 2, 0) / n);
  return { complexity: 1, loss: sd / (Math.sqrt(ss) || 1), exact: false };
}
