import type { CsvTable } from './csv.ts';
import type { ColumnChoice } from './dataset.ts';

/** A cell that holds no value: empty, or NaN as pandas and NumPy write it. */
export function isMissing(cell: string): boolean {
  return cell === '' || /^nan$/i.test(cell);
}

/** The header indices of the columns a choice uses: the targets and inputs, every column when the inputs are not named. */
export function usedColumns(header: string[], choice: ColumnChoice): number[] {
  const used = choice.inputs ? [...choice.targets, ...choice.inputs] : header;
  return used.map((name) => header.indexOf(name)).filter((i) => i >= 0);
}

/** The table without its rows that miss a value in a column the choice uses. */
export function dropMissingRows(table: CsvTable, choice: ColumnChoice): CsvTable {
  const columns = usedColumns(table.header, choice);
  const keep = table.rows.map((row) => !columns.some((c) => isMissing(row[c])));
  return { ...table, rows: table.rows.filter((_, i) => keep[i]), lines: table.lines.filter((_, i) => keep[i]) };
}
