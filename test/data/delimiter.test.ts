import { describe, expect, it } from 'vitest';
import { detectDelimiter } from '../../src/data/delimiter.ts';
import { parseCsv } from '../../src/data/csv.ts';

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
});
