import { parse } from 'mathjs';
import { fit } from '../src/fit.ts';
import type { Dataset } from '../src/data/dataset.ts';
import { datasetOfRows } from '../src/data/rows.ts';
import { evaluateFormula } from '../src/formula/verify.ts';
import type { FitResult } from '../src/result.ts';
import type { RowSet } from './baselineRun.ts';
import { mse64 } from './stats.ts';

export interface CaluOutcome {
  seed: number;
  /** Every output's snapped formula is exact on the training and the extrapolation rows. */
  success: boolean;
  interpMse: number;
  extrapMse: number;
  /** Training steps, over every stage of the search, until the last output was found; null if not solved. */
  solvedAtStep: number | null;
  seconds: number;
  formulas: string[];
}

/**
 * CALU as a user gets it: the library's `fit()` with its default search and
 * no hints, the extrapolation rows passed as the test file. Errors are
 * those of the printed formulas, evaluated in float64.
 */
export async function runCalu(inputs: string[], targets: string[], sets: { train: RowSet; interp: RowSet; extrap: RowSet }, seed: number, maxSeconds?: number): Promise<CaluOutcome> {
  const t0 = performance.now();
  const result = await fit(dataset('train', inputs, targets, sets.train), { seed, test: dataset('extrapolation', inputs, targets, sets.extrap), maxSeconds });
  const seconds = (performance.now() - t0) / 1000;
  const success = result.outputs.every((o) => o.exact);
  return {
    seed,
    success,
    interpMse: formulaMse(result, sets.interp),
    extrapMse: formulaMse(result, sets.extrap),
    solvedAtStep: success ? solvedAt(result) : null,
    seconds,
    formulas: result.outputs.map((o) => `${o.target} = ${o.formula || '?'}`),
  };
}

function dataset(source: string, inputs: string[], targets: string[], rows: RowSet): Dataset {
  return datasetOfRows(source, inputs, targets, rows);
}

function formulaMse(result: FitResult, rows: RowSet): number {
  const pred = result.outputs.map((o) => (o.formula ? evaluateFormula(parse(o.formula), result.symbols, rows.x) : new Float64Array(rows.x.length).fill(NaN)));
  return mse64(pred, rows.y);
}

/** The step of the latest output's snapshot, counting the full length of every stage before its own. */
function solvedAt(result: FitResult): number {
  const before = (stage: number) => result.stages.filter((s) => s.index < stage).reduce((n, s) => n + s.steps, 0);
  return Math.max(...result.outputs.map((o) => (o.source ? before(o.source.stage) + o.source.step : NaN)));
}
