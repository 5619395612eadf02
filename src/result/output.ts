import type { Dataset } from '../data/dataset.ts';
import { checkFormula } from '../formula/verify.ts';
import { toLatex } from '../export/latex.ts';
import type { OutputResult, StageRecord } from '../result.ts';
import type { Entry } from './table.ts';
import type { Judged } from './decidable.ts';

/** A target's reported formula: every export from its one tree, exact only if it also holds on the test rows (checked in chunks). */
export function outputResult(target: string, chosen: Entry, symbols: string[], stages: StageRecord[], test?: Dataset): OutputResult {
  const { found: f } = chosen;
  const r: Judged = chosen.formula;
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
    source: null,
    network: [],
  };
}
