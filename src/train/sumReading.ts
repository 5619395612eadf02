import type { Rows } from '../data/rows.ts';
import { powerLaw } from '../formula/powerLaw.ts';
import { rowsNeeded, turnDictionary, turnSumNetwork, turnSums } from '../formula/turnSums.ts';
import { EXACT_SUM } from '../formula/spanPick.ts';
import { resolveTransform, transformApplies, type TransformSpec } from './transform.ts';
import { StageTarget } from './target.ts';
import { screen } from './screen.ts';
import { found } from './found.ts';
import type { Stage } from './stageSetup.ts';
import type { CandidateSink } from './stage.ts';

/**
 * Sums over the cosine and sine of one argument (formula/turnSums.ts),
 * read by least squares for y and for the powers of it the search fits,
 * once per target, in the stage whose spec asks for it (readsSums): the
 * law of cosines under a square root, or a sum over cos(alpha) under
 * y^-2 with a constant of 16 pi^2 that no tail trained on Q's values
 * reaches. Each sum is read back through its transform, screened on the
 * target, and offered as the stage's find.
 */
export function readTurnSums(stage: Stage, step: number, sink: CandidateSink): void {
  const { all, pool } = stage.job.rows;
  const need = rowsNeeded(all.x[0]?.length ?? 0);
  const from = pool.x.length >= need ? pool : all;
  const head: Rows = { x: from.x.slice(0, need), y: from.y.slice(0, need), precision: from.precision.slice(0, need) };
  const dict = turnDictionary(head.x);
  if (!dict) return;
  stage.job.outputs.forEach((o, k) => {
    const y = all.y.map((t) => t[o]);
    const dominant = powerLaw(all.x, y);
    for (const spec of TRANSFORMS) {
      if (sink.solved(o)) return;
      const t = resolveTransform(spec, dominant);
      if (!t || !transformApplies(t, y, all.x)) continue;
      const target = new StageTarget(o, t, all.y[0][o] < 0, null, all);
      const rowsY = target.transformed(head);
      const Y = rowsY.y.map((v) => v[0]);
      for (const sum of turnSums(dict, Y, tolerance(Y, rowsY.precision.map((p) => p[0])))) {
        const own = target.readBack(turnSumNetwork(sum));
        const s = screen(own, stage.own[k].sample, stage.own[k].all);
        sink.offer(o, found(stage, own, 'pool', s, step, -1));
        if (s.passed) break;
      }
    }
  });
}

/** The residual, relative to Y's spread, that the data's digits allow: ten times their RMS precision, and never under the float64 floor. */
function tolerance(Y: number[], precision: number[]): number {
  const mean = Y.reduce((a, b) => a + b, 0) / Y.length;
  const spread = Math.sqrt(Y.reduce((a, v) => a + (v - mean) ** 2, 0));
  const noise = Math.sqrt(precision.reduce((a, p) => a + (Number.isFinite(p) ? p * p : 0), 0));
  return spread > 0 ? Math.max(EXACT_SUM, (10 * noise) / spread) : EXACT_SUM;
}

/** What is fitted, in this order: y, its square (the law of cosines), its inverse, and the inverse and inverse square over the dominant monomial (a term's factors are then fewer: the dictionary's have two at most). */
const TRANSFORMS: TransformSpec[] = [
  { kind: 'power', power: 1, byDominant: false },
  { kind: 'power', power: 2, byDominant: false },
  { kind: 'power', power: -1, byDominant: false },
  { kind: 'power', power: -1, byDominant: true },
  { kind: 'power', power: -2, byDominant: true },
];
