import type { Dataset } from '../data/dataset.ts';
import { checkFormula } from '../formula/verify.ts';
import { toLatex } from '../export/latex.ts';
import type { OutputResult, StageRecord } from '../result.ts';
import type { Chosen } from './table.ts';
import type { Judged } from './decidable.ts';

/**
 * A target's reported formula: every export from its one tree, exact only
 * if it also holds on the test rows (checked in chunks); within noise when
 * not exact but its judgement under noise says so.
 */
export function outputResult(target: string, chosen: Chosen, symbols: string[], stages: StageRecord[], test?: Dataset): OutputResult {
  const { found: f, noisy } = chosen;
  const r: Judged = chosen.formula;
  const judged = noisy?.rows[noisy.chosen];
  let testCheck;
  if (test) {
    const to = test.targets.indexOf(target);
    testCheck = checkFormula(r.node, symbols, test.inputColumns, test.targetColumns[to], test.precisionColumns[to]);
  }
  return {
    target,
    formula: r.text,
    latex: toLatex(r.node, symbols),
    expression: JSON.parse(JSON.stringify(r.node)),
    exact: r.train.exact && (testCheck?.exact ?? true),
    complexity: r.complexity,
    metrics: { train: r.train.metrics, ...(testCheck ? { test: testCheck.metrics } : {}) },
    fit: r.train.exact ? ((testCheck?.exact ?? true) ? 'exact' : 'best-effort') : judged?.withinNoise ? 'within-noise' : 'best-effort',
    noise: noisy?.noise ? { sigma: noisy.noise.sigma, relative: noisy.noise.relative } : null,
    heldOut: judged ? { rows: judged.reading.heldOut.rows, rmsRelError: judged.reading.heldOut.rmsRelError } : null,
    constants: judged?.reading.constants ?? [],
    ...(noisy ? { alternatives: Object.fromEntries(Object.entries(noisy.picks).map(([c, i]) => [c, noisy.rows[i]?.reading.formula.text ?? ''])) } : {}),
    source: { stage: f.stage, stack: stages[f.stage - 1]?.stack ?? '', step: f.step, restart: f.restart, extractor: f.extractor },
    network: r.layers,
    ...(r.undecided ? { undecided: r.undecided } : {}),
  };
}

/** A target no stage found any network for. */
export function unsolved(target: string): OutputResult {
  return {
    target,
    formula: '',
    latex: '',
    expression: null,
    exact: false,
    complexity: 0,
    metrics: { train: { rows: 0, mse: NaN, maxAbsError: NaN, maxRelError: NaN, rmsRelError: NaN } },
    fit: 'best-effort',
    noise: null,
    heldOut: null,
    constants: [],
    source: null,
    network: [],
  };
}
