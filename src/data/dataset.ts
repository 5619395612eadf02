import { CaluError } from '../errors.ts';
import type { CsvTable } from './csv.ts';
import type { ColumnTable } from './csvColumns.ts';
import { dropMissingRows } from './missing.ts';

/**
 * Numeric data ready for a fit, by column: one Float64Array per input and
 * per target, checked cell by cell. Columns, not rows, so that memory is 8
 * bytes a cell however large the file (`rowsOf` in rows.ts gives rows).
 */
export interface Dataset {
  source: string;
  inputs: string[];
  targets: string[];
  /** How many data rows. */
  rows: number;
  /** One per input, `rows` long: inputColumns[j][i] is input j on row i. */
  inputColumns: Float64Array[];
  /** One per target, `rows` long. */
  targetColumns: Float64Array[];
  /**
   * One per target, `rows` long: half a unit in the last digit each cell
   * was written with (0 for integers and full-precision floats), so that
   * "exact" means exact to the precision of the data.
   */
  precisionColumns: Float64Array[];
  /** File line of each row, for messages. */
  lines: Uint32Array;
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
  const n = table.rows.length;
  // Row by row, the inputs before the targets: the first bad cell is reported in that order.
  const read = (idx: number[]) => {
    const cols = idx.map(() => new Float64Array(n));
    for (let r = 0; r < n; r++) idx.forEach((c, k) => (cols[k][r] = parseCell(table.rows[r][c], source, table.lines[r], header[c])));
    return cols;
  };
  const inputColumns = read(inputIdx);
  const targetColumns = read(targetIdx);
  const precisionColumns = targetIdx.map((c) => Float64Array.from(table.rows, (row) => printedPrecision(row[c])));
  return { source, inputs, targets: [...choice.targets], rows: n, inputColumns, targetColumns, precisionColumns, lines: Uint32Array.from(table.lines) };
}

/**
 * A dataset over the streaming reader's numeric columns, shared, not
 * copied, or the error of the first bad cell in a column it uses: in the
 * inputs first, as for text.
 */
function fromColumns(table: ColumnTable, inputs: string[], inputIdx: number[], targets: string[], targetIdx: number[]): Dataset {
  const firstBad = (idx: number[]) => idx.map((c) => table.columns[c].bad).reduce((a, b) => (b && (!a || b.row < a.row) ? b : a), undefined);
  const bad = firstBad(inputIdx) ?? firstBad(targetIdx);
  if (bad) throw bad.error;
  const cols = table.columns;
  const precisionColumns = targetIdx.map((c) => {
    const exps = cols[c].exponents;
    const out = new Float64Array(table.rows);
    for (let r = 0; r < table.rows; r++) out[r] = exps[r] === NO_EXPONENT ? 0 : 0.5 * Math.pow(10, exps[r]);
    return out;
  });
  return {
    source: table.source,
    inputs,
    targets: [...targets],
    rows: table.rows,
    inputColumns: inputIdx.map((c) => cols[c].values),
    targetColumns: targetIdx.map((c) => cols[c].values),
    precisionColumns,
    lines: table.lines,
  };
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
  if (data.rows < minimum) {
    throw new CaluError(`${data.source}: ${data.rows} data row${data.rows === 1 ? '' : 's'}, but ${needs}`);
  }
  const distinct = distinctRows(data, minimum);
  if (distinct < minimum) {
    throw new CaluError(`${data.source}: ${data.rows} data rows, but only ${distinct} distinct; ${needs} distinct rows`);
  }
}

/** How many rows differ from one another (inputs and targets), counted up to `enough`: the set never holds more. */
export function distinctRows(data: Dataset, enough: number): number {
  const cols = [...data.inputColumns, ...data.targetColumns];
  const seen = new Set<string>();
  for (let i = 0; i < data.rows && seen.size < enough; i++) seen.add(cols.map((c) => c[i]).join(','));
  return seen.size;
}

/** How many distinct points of the inputs the datasets hold together, counted up to `enough`. */
export function distinctPoints(sets: Dataset[], enough: number): number {
  const seen = new Set<string>();
  for (const data of sets) {
    for (let i = 0; i < data.rows && seen.size < enough; i++) seen.add(data.inputColumns.map((c) => c[i]).join(','));
  }
  return seen.size;
}

export function minimumRows(inputs: number): number {
  return Math.max(10, 3 * inputs);
}
