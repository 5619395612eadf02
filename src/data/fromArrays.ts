import { CaluError } from '../errors.ts';
import type { ColumnChoice, Dataset } from './dataset.ts';

/** Numeric columns by name, all of one length: `{ x1: [...], x2: [...], y: [...] }`. */
export type Columns = Record<string, ArrayLike<number>>;

/**
 * A dataset from plain arrays, to fit without a CSV file. As with a CSV,
 * every column that is not a target is an input unless `inputs` lists them.
 * The values are taken as full float64 numbers, so "exact" means exact to
 * rounding level (a CSV's written precision does not apply). The columns
 * are copied into the dataset's Float64Arrays.
 */
export function fromArrays(columns: Columns, choice: ColumnChoice, source = '<arrays>'): Dataset {
  const names = Object.keys(columns);
  const find = (name: string, role: string): ArrayLike<number> => {
    if (!Object.hasOwn(columns, name)) throw new CaluError(`${source}: no ${role} column "${name}" (columns: ${names.join(', ')})`);
    return columns[name];
  };
  if (choice.targets.length === 0) throw new CaluError(`${source}: name at least one target column`);
  const inputs = choice.inputs ?? names.filter((n) => !choice.targets.includes(n));
  const overlap = inputs.find((n) => choice.targets.includes(n));
  if (overlap) throw new CaluError(`${source}: column "${overlap}" is both an input and a target`);
  if (inputs.length === 0) throw new CaluError(`${source}: no input columns left besides the target${choice.targets.length > 1 ? 's' : ''}`);
  const xs = inputs.map((n) => find(n, 'input'));
  const ys = choice.targets.map((n) => find(n, 'target'));
  const rows = xs[0].length;
  [...inputs, ...choice.targets].forEach((name, k) => {
    const column = k < inputs.length ? xs[k] : ys[k - inputs.length];
    if (column.length !== rows) throw new CaluError(`${source}: column "${name}" has ${column.length} values, but column "${inputs[0]}" has ${rows}`);
    for (let r = 0; r < rows; r++) {
      const v = column[r];
      if (typeof v !== 'number' || !Number.isFinite(v)) throw new CaluError(`${source} row ${r + 1}, column "${name}": ${String(v)} is not a finite number`);
    }
  });
  return {
    source,
    inputs,
    targets: [...choice.targets],
    rows,
    inputColumns: xs.map((c) => Float64Array.from(c)),
    targetColumns: ys.map((c) => Float64Array.from(c)),
    precisionColumns: ys.map(() => new Float64Array(rows)),
    lines: Uint32Array.from({ length: rows }, (_, r) => r + 1),
  };
}
