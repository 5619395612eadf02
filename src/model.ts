import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { CaluError } from './errors.ts';
import { evaluateFormula } from './formula/verify.ts';
import type { Metrics } from './formula/verify.ts';
import type { CandidateRow, FitResult, OutputResult } from './result.ts';
import { stringify, toJson } from './export/json.ts';
import { checkModel, modelTrees, type ModelShape } from './model/safeModel.ts';

/** Some numbers as JSON holds them: it has no NaN or Infinity, so an error undefined in float64 reads back as null. */
type Nullable<T, K extends keyof T> = Omit<T, K> & { [P in K]: T[P] | null };
type SavedMetrics = Nullable<Metrics, 'mse' | 'maxAbsError' | 'maxRelError' | 'rmsRelError'>;

/** A saved fit, as `calu fit --save` (or `--json`) wrote it: the whole result, candidate table included. */
export interface SavedModel extends Omit<FitResult, 'outputs' | 'candidates'> {
  calu: 1;
  outputs: Array<Omit<OutputResult, 'metrics'> & { metrics: { train: SavedMetrics; test?: SavedMetrics } }>;
  candidates: Array<Nullable<CandidateRow, 'error' | 'rmsError' | 'score'>>;
}

/** Larger than any model calu writes: a bigger file is refused before it is read. */
const MAX_MODEL_BYTES = 64 * 2 ** 20;

/**
 * Evaluates every formula of a fit (a FitResult, a loaded model, or any object of that shape) on rows of inputs
 * ([row][input], in `inputs` order). Returns [row][output]; an output the fit found no formula for is NaN.
 * The formulas are checked as a model file's are, and run on calu's private, arithmetic-only mathjs.
 */
export function predict(model: ModelShape, rows: number[][]): number[][] {
  const nodes = modelTrees(model, 'the model');
  const nan = new Float64Array(rows.length).fill(NaN);
  const cols = nodes.map((n) => (n ? evaluateFormula(n, model.symbols, rows) : nan));
  return rows.map((_, i) => cols.map((c) => c[i]));
}

export function saveModel(result: FitResult, path: string): void {
  try {
    writeFileSync(path, stringify(toJson(result), 2) + '\n');
  } catch (e) {
    throw new CaluError(`${path}: cannot write the model (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}

/** Reads a model file as data: see model/safeModel.ts for what it may hold. */
export function loadModel(path: string): SavedModel {
  let text: string;
  try {
    if (statSync(path).size > MAX_MODEL_BYTES) throw new CaluError(`${path}: too large for a calu model (over ${MAX_MODEL_BYTES / 2 ** 20} MiB)`);
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if (e instanceof CaluError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new CaluError(`${path}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory, not a model file' : `cannot be read (${code})`}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new CaluError(`${path}: not a calu model (it is not JSON)`);
  }
  return checkModel<SavedModel>(raw, path);
}
