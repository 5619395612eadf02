import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { detectDelimiter } from '../../src/data/delimiter.ts';
import { parseCsv, readCsvFile } from '../../src/data/csv.ts';
import { readCsvColumns } from '../../src/data/csvColumns.ts';
import { toDataset } from '../../src/data/dataset.ts';

const dir = mkdtempSync(join(tmpdir(), 'calu-delimiter-'));

describe('the delimiter of a CSV', () => {
  it('is read from the header line: the comma, semicolon or tab it holds most often', () => {
    expect(detectDelimiter('x1,x2,y\n1,2,3\n')).toBe(',');
    expect(detectDelimiter('\n\nx1;x2;y\n1,5;2,5;3\n')).toBe(';');
    expect(detectDelimiter('\uFEFFx1\tx2\ty\r\n1\t2\t3\r\n')).toBe('\t');
    expect(detectDelimiter('"a,b";c;d\n')).toBe(';');
  });

  it('is a comma when the header holds none', () => {
    expect(detectDelimiter('y\n1\n')).toBe(',');
  });

  it('is detected by parseCsv unless given, and recorded in the table', () => {
    expect(parseCsv('x1\tx2\n1\t2\n', 't.tsv')).toMatchObject({ header: ['x1', 'x2'], rows: [['1', '2']], delimiter: '\t' });
    expect(parseCsv('x1;x2\n1;2\n', 't.csv', { delimiter: ',' })).toMatchObject({ header: ['x1;x2'], delimiter: ',' });
  });

  it('is detected by the streaming column reader from the header, after blank lines, as by the text reader, unless given', async () => {
    const path = join(dir, 'semi.csv');
    writeFileSync(path, '\n  \n\uFEFFx1;x2;y\n1,5;2;3\n4;5;6\n');
    const table = await readCsvColumns(path);
    expect(table).toMatchObject({ header: ['x1', 'x2', 'y'], delimiter: ';', rows: 2 });
    expect(() => toDataset(table, { targets: ['y'] })).toThrow(`${path} row 4, column "x1": "1,5" is not a number`);
    writeFileSync(path, 'x1\tx2\ty\n1.5\t2\t3\n4\t5\t6\n');
    expect(toDataset(await readCsvColumns(path), { targets: ['y'] })).toEqual(toDataset(readCsvFile(path), { targets: ['y'] }));
    expect(await readCsvColumns(path, { delimiter: ',' })).toMatchObject({ header: ['x1\tx2\ty'], delimiter: ',' });
  });
});
