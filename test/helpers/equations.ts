import { parse } from 'mathjs';
import { fit } from '../../src/fit.ts';
import { feynmanRows, type FeynmanEquation } from '../../src/bench/feynman.ts';
import { checkPredictions, evaluateFormula } from '../../src/formula/verify.ts';
import type { Dataset } from '../../src/data/dataset.ts';
import type { FitOptions } from '../../src/fit.ts';
import { Random } from '../../src/util/random.ts';
import { datasetOfRows, rowsOf } from '../../src/data/rows.ts';

/** An equation in the Feynman files' form: `name:low:high` for each variable, separated by spaces. */
export function equation(id: string, formula: string, vars: string): FeynmanEquation {
  return {
    id,
    kind: 'test',
    formula,
    variables: vars.split(' ').map((v) => {
      const [name, low, high] = v.split(':');
      return { name, low: Number(low), high: Number(high) };
    }),
  };
}

/** Rows of the equation inside its ranges ('train') or just beyond them ('test'). */
export function equationData(eq: FeynmanEquation, range: 'train' | 'test', n: number, seed: number): Dataset {
  const { x, y } = feynmanRows(eq, range, n, new Random(seed));
  return datasetOfRows(eq.id, eq.variables.map((v) => v.name), ['y'], { x, y: y.map((v) => [v]) });
}

/** Fits the equation's data and checks the printed formula against the truth beyond the training range. */
export async function recover(eq: FeynmanEquation, maxSeconds = 120, options: FitOptions = {}) {
  const train = equationData(eq, 'train', 1000, 1);
  const test = equationData(eq, 'test', 500, 2);
  const result = await fit(train, { seed: 1, test, maxSeconds, ...options });
  const out = result.outputs[0];
  const rows = rowsOf(test);
  const agrees = checkPredictions(evaluateFormula(parse(out.formula), result.symbols, rows.x), rows.y.map((t) => t[0])).exact;
  return { result, out, agrees };
}
