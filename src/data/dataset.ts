import { CaluError } from '../errors.ts';
import type { CsvTable } from './csv.ts';
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
 * With dropMissing, rows with an empty or NaN cell in those columns are left out first.
 */
export function toDataset(table: CsvTable, choice: ColumnChoice, opts: { allowNoTargets?: boolean; dropMissing?: boolean } = {}): Dataset {
  if (opts.dropMissing) return toDataset(dropMissingRows(table, choice), choice, { ...opts, dropMissing: false });
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
  const cell = (r: number, c: number): number => parseCell(table.rows[r][c], source, table.lines[r], header[c]);
  const x = table.rows.map((_, r) => inputIdx.map((c) => cell(r, c)));
  const y = table.rows.map((_, r) => targetIdx.map((c) => cell(r, c)));
  const precision = table.rows.map((row) => targetIdx.map((c) => printedPrecision(row[c])));
  return { source, inputs, targets: choice.targets, x, y, precision, lines: table.lines };
}

export function parseCell(text: string, source: string, line: number, column: string): number {
  const where = `${source} row ${line}, column "${column}"`;
  if (text === '') throw new CaluError(`${where}: empty cell`);
  const v = Number(text);
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text) || Number.isNaN(v)) {
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
  const m = /^[+-]?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!m || (m[2] === undefined && m[3] === undefined)) return 0;
  const digits = (m[1] + (m[2] ?? '')).replace(/^0+/, '');
  if (digits.length >= 15) return 0;
  const exp = Number(m[3] ?? 0) - (m[2]?.length ?? 0);
  return 0.5 * Math.pow(10, exp);
}

function clip(s: string): string {
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
}

/** Requires at least as many rows as a fit can learn from and be checked on. */
export function requireRows(data: Dataset, minimum: number): void {
  if (data.x.length < minimum) {
    throw new CaluError(`${data.source}: ${data.x.length} data row${data.x.length === 1 ? '' : 's'}, but a fit with ${data.inputs.length} input${data.inputs.length === 1 ? '' : 's'} needs at least ${minimum}`);
  }
}

export function minimumRows(inputs: number): number {
  return Math.max(10, 3 * inputs);
}
