import { describe, expect, it } from 'vitest';
import { rowsOf } from '../../src/data/rows.ts';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { parseCsv, readCsvFile } from '../../src/data/csv.ts';
import { minimumRows, printedPrecision, requireRows, toDataset } from '../../src/data/dataset.ts';
import { CaluError } from '../../src/errors.ts';

const table = (text: string) => parseCsv(text, 'data.csv');
const dataset = (text: string, targets = ['y'], inputs?: string[]) => toDataset(table(text), { targets, inputs });

function message(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(CaluError);
    return (e as Error).message;
  }
  throw new Error('expected a CaluError');
}

describe('reading a CSV', () => {
  it('reads the header, the cells and the file line of every row', () => {
    const t = table('x1,x2,y\n1,2,3\n\n4,5,6\n');
    expect(t.header).toEqual(['x1', 'x2', 'y']);
    expect(t.rows).toEqual([['1', '2', '3'], ['4', '5', '6']]);
    expect(t.lines).toEqual([2, 4]);
  });

  it('names a missing file', () => {
    expect(message(() => readCsvFile('/nonexistent/data.csv'))).toBe('/nonexistent/data.csv: no such file');
  });

  it('names a directory', () => {
    const dir = mkdtempSync(join(tmpdir(), 'calu-'));
    mkdirSync(join(dir, 'd.csv'));
    expect(message(() => readCsvFile(join(dir, 'd.csv')))).toBe(`${join(dir, 'd.csv')}: is a directory, not a CSV file`);
  });

  it('rejects an empty file', () => {
    expect(message(() => table(''))).toBe('data.csv: the file is empty');
    expect(message(() => table('\n \n'))).toBe('data.csv: the file is empty');
  });

  it('rejects a header with no rows', () => {
    expect(message(() => table('x1,x2,y\n'))).toBe('data.csv: has a header but no data rows');
  });

  it('rejects ragged rows, naming the row', () => {
    expect(message(() => table('x1,x2,y\n1,2,3\n4,5\n'))).toBe('data.csv row 3: has 2 cells, but the header has 3 columns');
  });

  it('rejects binary junk', () => {
    const dir = mkdtempSync(join(tmpdir(), 'calu-'));
    const file = join(dir, 'junk.csv');
    writeFileSync(file, Buffer.from([0x78, 0x2c, 0x79, 0x0a, 0x00, 0xff, 0x13, 0x37]));
    expect(message(() => readCsvFile(file))).toBe(`${file}: not a text CSV file (binary data at byte 4)`);
    writeFileSync(file, Buffer.from([0x78, 0x2c, 0x79, 0x0a, 0xc3, 0x28, 0x0a]));
    expect(message(() => readCsvFile(file))).toBe(`${file}: not a text CSV file (it is not valid UTF-8)`);
  });

  it('rejects a header that names a column twice', () => {
    expect(message(() => table('x,x,y\n1,2,3\n'))).toBe('data.csv row 1: the header names column "x" twice');
  });
});

describe('choosing columns', () => {
  it('takes every other column as an input by default', () => {
    const d = dataset('a,y,b\n1,2,3\n4,5,6\n');
    expect(d.inputs).toEqual(['a', 'b']);
    expect(rowsOf(d).x).toEqual([[1, 3], [4, 6]]);
    expect(rowsOf(d).y).toEqual([[2], [5]]);
  });

  it('names a missing target or input column and lists the columns', () => {
    expect(message(() => dataset('x1,x2\n1,2\n', ['y']))).toBe('data.csv: no target column "y" (columns: x1, x2)');
    expect(message(() => dataset('x1,y\n1,2\n', ['y'], ['x1', 'x9']))).toBe('data.csv: no input column "x9" (columns: x1, y)');
  });

  it('names the row and column of a text, empty, NaN or Inf cell', () => {
    expect(message(() => dataset('x1,x2,y\n1,2,3\n1,abc,3\n'))).toBe('data.csv row 3, column "x2": "abc" is not a number');
    expect(message(() => dataset('x1,x2,y\n1,,3\n'))).toBe('data.csv row 2, column "x2": empty cell');
    expect(message(() => dataset('x1,x2,y\n1,2,NaN\n'))).toBe('data.csv row 2, column "y": "NaN" is not a number');
    expect(message(() => dataset('x1,x2,y\n1,Infinity,3\n'))).toBe('data.csv row 2, column "x2": "Infinity" is not a number');
    expect(message(() => dataset('x1,x2,y\n1,1e999,3\n'))).toBe('data.csv row 2, column "x2": "1e999" is not a finite number');
    expect(message(() => dataset('x1,x2,y\n1,0x10,3\n'))).toBe('data.csv row 2, column "x2": "0x10" is not a number');
  });

  it('ignores a text column that is not used', () => {
    const d = dataset('label,x,y\nfoo,1,2\n', ['y'], ['x']);
    expect(rowsOf(d).x).toEqual([[1]]);
  });

  it('requires enough rows for a fit', () => {
    const d = dataset('x1,x2,y\n1,2,3\n4,5,6\n');
    expect(minimumRows(2)).toBe(10);
    expect(minimumRows(8)).toBe(24);
    expect(message(() => requireRows(d, minimumRows(2)))).toBe('data.csv: 2 data rows, but a fit with 2 inputs needs at least 10');
  });

  it('counts distinct rows: one row written many times is one point', () => {
    const same = dataset('x1,x2,y\n' + '1,2,3\n'.repeat(20_000));
    expect(message(() => requireRows(same, minimumRows(2)))).toBe('data.csv: 20000 data rows, but only 1 distinct; a fit with 2 inputs needs at least 10 distinct rows');
    const nine = dataset('x1,x2,y\n' + Array.from({ length: 90 }, (_, i) => `${i % 9},1,${i % 9}\n`).join(''));
    expect(message(() => requireRows(nine, minimumRows(2)))).toBe('data.csv: 90 data rows, but only 9 distinct; a fit with 2 inputs needs at least 10 distinct rows');
    // Rows differing only in the target count apart: the data then has no formula, but that is the fit's to say.
    const ten = dataset('x1,x2,y\n' + Array.from({ length: 10 }, (_, i) => `1,1,${i}\n`).join(''));
    expect(() => requireRows(ten, minimumRows(2))).not.toThrow();
  });
});

describe('the precision a number was written with', () => {
  it('is half a unit in its last digit', () => {
    expect(printedPrecision('1.25')).toBeCloseTo(0.005, 15);
    expect(printedPrecision('-3.1e-2')).toBeCloseTo(0.0005, 15);
    expect(printedPrecision('2.')).toBe(0.5);
  });

  it('is zero for integers and for floats written in full', () => {
    expect(printedPrecision('12')).toBe(0);
    expect(printedPrecision('1.275809512899397')).toBe(0);
    expect(printedPrecision(String(0.1 + 0.2))).toBe(0);
  });
});
