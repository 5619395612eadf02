import { describe, expect, it } from 'vitest';
import { rowsOf } from '../../src/data/rows.ts';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCsv, readCsvFile } from '../../src/data/csv.ts';
import { readCsvColumns } from '../../src/data/csvColumns.ts';
import { toDataset, type ColumnChoice } from '../../src/data/dataset.ts';
import { dropMissingRows, isMissing } from '../../src/data/missing.ts';

const dir = mkdtempSync(join(tmpdir(), 'calu-missing-'));

function failure(read: () => unknown): string {
  try {
    read();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('read without an error');
}

describe('missing cells', () => {
  it('are empty cells and NaN in any case', () => {
    expect(['', 'NaN', 'nan', 'NAN'].map(isMissing)).toEqual([true, true, true, true]);
    expect(['0', 'x', 'NA', 'Infinity'].map(isMissing)).toEqual([false, false, false, false]);
  });

  it('drop their rows with dropMissing, only in the columns the fit uses', () => {
    const table = parseCsv('a,b,note,y\n1,2,,3\n,5,x,6\n7,nan,x,8\n9,10,x,11\n', 'd.csv');
    const d = toDataset(table, { targets: ['y'], inputs: ['a', 'b'] }, { dropMissing: true });
    expect(rowsOf(d).x).toEqual([[1, 2], [9, 10]]);
    expect(d.lines).toEqual(Uint32Array.of(2, 5));
    // Without --inputs every column is used, the note column too.
    expect(dropMissingRows(table, { targets: ['y'] }).lines).toEqual([5]);
  });

  it('are dropped as the file streams by the column reader, with the same rows, lines and count as the text reader', async () => {
    const path = join(dir, 'holes.csv');
    writeFileSync(path, 'a;b;note;y\n1;2;;3\n;5;x;6\n7;NaN;x;8\n9;10;x;11\n12;13;x;abc\n');
    const cases: Array<[ColumnChoice, number]> = [
      [{ targets: ['y'], inputs: ['a', 'b'] }, 2],
      [{ targets: ['y'] }, 3],
    ];
    for (const [choice, dropped] of cases) {
      const table = await readCsvColumns(path, { dropMissing: choice });
      expect(table).toMatchObject({ delimiter: ';', dropped, rows: 5 - dropped });
      const text = () => toDataset(readCsvFile(path), choice, { dropMissing: true });
      const stream = () => toDataset(table, choice);
      // Text that is not a number is still an error, the same one from both readers.
      expect(failure(stream)).toBe(failure(text));
      expect(failure(text)).toBe(choice.inputs ? `${path} row 6, column "y": "abc" is not a number` : `${path} row 5, column "note": "x" is not a number`);
    }
    writeFileSync(path, 'a;b;note;y\n1;2;;3\n;5;x;6\n7;NaN;x;8\n9;10;x;11\n');
    const choice = { targets: ['y'], inputs: ['a', 'b'] };
    const table = await readCsvColumns(path, { dropMissing: choice });
    expect(table.dropped).toBe(2);
    expect(toDataset(table, choice)).toEqual(toDataset(readCsvFile(path), choice, { dropMissing: true }));
    expect(toDataset(table, choice).lines).toEqual(Uint32Array.of(2, 5));
  });

  it('are not dropped by the column reader without dropMissing: the first one used is the error', async () => {
    const path = join(dir, 'hole.csv');
    writeFileSync(path, 'a,b,y\n1,2,3\n4,,6\n');
    const table = await readCsvColumns(path);
    expect(table.dropped).toBe(0);
    expect(() => toDataset(table, { targets: ['y'] })).toThrow(`${path} row 3, column "b": empty cell`);
  });
});
