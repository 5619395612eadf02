import { CaluError } from '../errors.ts';
import type { CsvTable } from './csv.ts';
import type { ColumnTable } from './csvColumns.ts';
import { dropMissingRows } from './missing.ts';

/** Numeric data ready for a fit: inputs and targets by row, checked cell by cell. */
export interface Dataset {
  source: string;
  inputs: string[];
  targets: string[];
  /** [row][input] */
  x: number[][];
  /** [row][target] */
  y: number[][];
  /**
   * [row][target]: half a unit in the last digit each target was written
   * with (0 for integers and full-precision floats), so that "exact" means
   * exact to the precision of the data.
   */
  precision: number[][];
  /** File line of each row, for messages. */
  lines: number[];
}

export interface ColumnChoice {
  targets: string[];
  /** All other columns when absent. */
  inputs?: string[];
}

/**
 * Picks the input and target columns and converts every cell, with a one-line error for the first bad one.
 * With dropMissing, rows of a text table with an empty or NaN cell in those columns are left out first
 * (a table of numeric columns leaves them out as it streams: readCsvColumns's dropMissing).
 */
export function toDataset(table: CsvTable | ColumnTable, choice: ColumnChoice, opts: { allowNoTargets?: boolean; dropMissing?: boolean } = {}): Dataset {
  if (opts.dropMissing && !('columns' in table)) return toDataset(dropMissingRows(table, choice), choice, { ...opts, dropMissing: false });
  const { source, header } = table;
  if (choice.targets.length === 0 && !opts.allowNoTargets) throw new CaluError(`${source}: name at least one target column with --target`);
  const find = (name: string, role: string) => {
    const i = header.indexOf(name);
    if (i < 0) throw new CaluError(`${source}: no ${role} column "${name}" (columns: ${header.join(', ')})`);
    return i;
  };
  const targetIdx = choice.targets.map((t) => find(t, 'target'));
  const inputs = choice.inputs ?? header.filter((h) => !choice.targets.includes(h));
  const inputIdx = inputs.map((n) => find(n, 'input'));
  const overlap = inputs.find((n) => choice.targets.includes(n));
  if (overlap) throw new CaluError(`${source}: column "${overlap}" is both an input and a target`);
  if (inputs.length === 0) throw new CaluError(`${source}: no input columns left besides the target${choice.targets.length > 1 ? 's' : ''}`);
  if ('columns' in table) return fromColumns(table, inputs, inputIdx, choice.targets, targetIdx);
  const cell = (r: number, c: number): number => parseCell(table.rows[r][c], source, table.lines[r], header[c]);
  const x = table.rows.map((_, r) => inputIdx.map((c) => cell(r, c)));
  const y = table.rows.map((_, r) => targetIdx.map((c) => cell(r, c)));
  const precision = table.rows.map((row) => targetIdx.map((c) => printedPrecision(row[c])));
  return { source, inputs, targets: choice.targets, x, y, precision, lines: table.lines };
}

/**
 * The rows of numeric columns (from the streaming reader), with the error of
 * the first bad cell in a column used: in the inputs first, as for text.
 */
function fromColumns(table: ColumnTable, inputs: string[], inputIdx: number[], targets: string[], targetIdx: number[]): Dataset {
  const firstBad = (idx: number[]) => idx.map((c) => table.columns[c].bad).reduce((a, b) => (b && (!a || b.row < a.row) ? b : a), undefined);
  const bad = firstBad(inputIdx) ?? firstBad(targetIdx);
  if (bad) throw bad.error;
  const cols = table.columns;
  const x = Array.from({ length: table.rows }, (_, r) => inputIdx.map((c) => cols[c].values[r]));
  const y = Array.from({ length: table.rows }, (_, r) => targetIdx.map((c) => cols[c].values[r]));
  const precision = Array.from({ length: table.rows }, (_, r) =>
    targetIdx.map((c) => {
      const e = cols[c].exponents[r];
      return e === NO_EXPONENT ? 0 : 0.5 * Math.pow(10, e);
    }),
  );
  return { source: table.source, inputs, targets, x, y, precision, lines: Array.from(table.lines) };
}

/** What a cell must look like to be read as a number: a plain decimal, optionally with an exponent. */
export const NUMBER_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

export function parseCell(text: string, source: string, line: number, column: string): number {
  const where = `${source} row ${line}, column "${column}"`;
  if (text === '') throw new CaluError(`${where}: empty cell`);
  const v = Number(text);
  if (!NUMBER_TEXT.test(text) || Number.isNaN(v)) {
    throw new CaluError(`${where}: "${clip(text)}" is not a number`);
  }
  if (!Number.isFinite(v)) throw new CaluError(`${where}: "${clip(text)}" is not a finite number`);
  return v;
}

/**
 * Half a unit in the last written digit of a decimal, or 0 when the text is
 * an integer or carries 15+ significant digits (a float64 written in full).
 */
export function printedPrecision(text: string): number {
  const exp = printedExponent(text);
  return exp === null ? 0 : 0.5 * Math.pow(10, exp);
}

/** printedExponent's null, in the Int16Array a streamed column keeps its exponents in. */
export const NO_EXPONENT = -32768;

/** The power of ten of a decimal's last written digit, or null when printedPrecision is 0. */
export function printedExponent(text: string): number | null {
  const m = /^[+-]?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!m || (m[2] === undefined && m[3] === undefined)) return null;
  const digits = (m[1] + (m[2] ?? '')).replace(/^0+/, '');
  if (digits.length >= 15) return null;
  return Number(m[3] ?? 0) - (m[2]?.length ?? 0);
}

function clip(s: string): string {
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
}

/**
 * Requires at least as many distinct rows as a fit can learn from and be
 * checked on: one row written 20,000 times is one point, and any formula
 * through it would be "exact".
 */
export function requireRows(data: Dataset, minimum: number): void {
  const needs = `a fit with ${data.inputs.length} input${data.inputs.length === 1 ? '' : 's'} needs at least ${minimum}`;
  if (data.x.length < minimum) {
    throw new CaluError(`${data.source}: ${data.x.length} data row${data.x.length === 1 ? '' : 's'}, but ${needs}`);
  }
  const distinct = distinctRows(data, minimum);
  if (distinct < minimum) {
    throw new CaluError(`${data.source}: ${data.x.length} data rows, but only ${distinct} distinct; ${needs} distinct rows`);
  }
}

/** How many rows differ from one another (inputs and targets), counted up to `enough`: the set never holds more. */
export function distinctRows(data: Dataset, enough: number): number {
  const seen = new Set<string>();
  for (let i = 0; i < data.x.length && seen.size < enough; i++) seen.add(`${data.x[i].join(',')};${data.y[i].join(',')}`);
  return seen.size;
}

export function minimumRows(inputs: number): number {
  return Math.max(10, 3 * inputs);
}
