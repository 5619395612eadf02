import { readFileSync, writeFileSync } from 'node:fs';
import { reviver, type MathNode } from 'mathjs';
import { CaluError } from './errors.ts';
import { evaluateFormula } from './formula/verify.ts';
import type { Metrics } from './formula/verify.ts';
import type { CandidateRow, FitResult, OutputResult } from './result.ts';
import { stringify, toJson } from './export/json.ts';

/** Some numbers as JSON holds them: it has no NaN or Infinity, so an error undefined in float64 reads back as null. */
type Nullable<T, K extends keyof T> = Omit<T, K> & { [P in K]: T[P] | null };
type SavedMetrics = Nullable<Metrics, 'mse' | 'maxAbsError' | 'maxRelError' | 'rmsRelError'>;

/** A saved fit, as `calu fit --save` (or `--json`) wrote it: the whole result, candidate table included. */
export interface SavedModel extends Omit<FitResult, 'outputs' | 'candidates'> {
  calu: 1;
  outputs: Array<Omit<OutputResult, 'metrics'> & { metrics: { train: SavedMetrics; test?: SavedMetrics } }>;
  candidates: Array<Nullable<CandidateRow, 'error' | 'rmsError' | 'score'>>;
}

/** Evaluates every formula of a fit on rows of inputs ([row][input], in `inputs` order). Returns [row][output]. */
export function predict(model: FitResult | SavedModel, rows: number[][]): number[][] {
  const nodes = model.outputs.map((o) => reviveNode(o.expression, o.target));
  const cols = nodes.map((n) => evaluateFormula(n, model.symbols, rows));
  return rows.map((_, i) => cols.map((c) => c[i]));
}

export function reviveNode(expression: unknown, target: string): MathNode {
  if (!expression) throw new CaluError(`the model has no formula for "${target}"`);
  return JSON.parse(JSON.stringify(expression), reviver) as MathNode;
}

export function saveModel(result: FitResult, path: string): void {
  try {
    writeFileSync(path, stringify(toJson(result), 2) + '\n');
  } catch (e) {
    throw new CaluError(`${path}: cannot write the model (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}

export function loadModel(path: string): SavedModel {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new CaluError(`${path}: ${code === 'ENOENT' ? 'no such file' : `cannot be read (${code})`}`);
  }
  let raw: Partial<SavedModel>;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new CaluError(`${path}: not a calu model (it is not JSON)`);
  }
  if (raw.calu !== 1 || !Array.isArray(raw.inputs) || !Array.isArray(raw.outputs) || !Array.isArray(raw.symbols)) {
    throw new CaluError(`${path}: not a calu model (save one with calu fit --save)`);
  }
  for (const o of raw.outputs) reviveNode(o.expression, o.target);
  return raw as SavedModel;
}
