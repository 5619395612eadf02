import { describe, expect, it } from 'vitest';
import { rowsOf } from '../../src/data/rows.ts';
import fc from 'fast-check';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { parseCsv, readCsvFile } from '../../src/data/csv.ts';
import { readCsvColumns } from '../../src/data/csvColumns.ts';
import { toDataset, type Dataset } from '../../src/data/dataset.ts';
import { CaluError } from '../../src/errors.ts';
import { CSV_CASES } from '../corpus/csvCases.ts';

const dir = mkdtempSync(join(tmpdir(), 'calu-corpus-'));
let count = 0;
function file(content: string | Buffer, name = `case-${++count}.csv`): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

type Outcome = { error: string } | { data: Dataset };

/** What a reader makes of a file: the dataset, or the message of the CaluError it gives (anything else fails the test). */
async function outcome(read: () => Dataset | Promise<Dataset>): Promise<Outcome> {
  try {
    return { data: await read() };
  } catch (e) {
    if (!(e instanceof CaluError)) throw e;
    return { error: e.message };
  }
}

const viaText = (path: string, target: string, inputs?: string[]) => outcome(() => toDataset(readCsvFile(path), { targets: [target], inputs }));
const viaStream = (path: string, target: string, inputs?: string[]) => outcome(async () => toDataset(await readCsvColumns(path), { targets: [target], inputs }));

describe('the CSV corpus', () => {
  for (const c of CSV_CASES) {
    it(c.name, async () => {
      const path = file(c.text);
      const target = c.target ?? (c.error === null ? tailColumn(c.text) : 'y');
      const [text, stream] = [await viaText(path, target, c.inputs), await viaStream(path, target, c.inputs)];
      // The streaming reader and the text reader agree, message for message and value for value.
      expect(stream).toEqual(text);
      if (c.error === null) expect(text).toHaveProperty('data');
      else {
        expect(text).toEqual({ error: c.error.replace('FILE', path) });
        expect((text as { error: string }).error).not.toMatch(/[\x00-\x1f\x7f-\x9f]/);
      }
    });
  }

  it('a file name with control characters is echoed escaped', async () => {
    const path = file('x1,y\n1,2\n', 'evil\x1b[31mname\n.csv');
    const r = await viaStream(path, 'z');
    expect(r).toEqual({ error: `${dir}/evil\\x1b[31mname\\n.csv: no target column "z" (columns: x1, y)` });
  });

  it('streams a file larger than one read, with a multi-byte character and a NUL past the first megabyte', async () => {
    const big = 'label,x1,y\n' + Array.from({ length: 60_000 }, (_, i) => `é${i}ü,${i},${2 * i}`).join('\n') + '\n';
    const path = file(big);
    const [text, stream] = [await viaText(path, 'y', ['x1']), await viaStream(path, 'y', ['x1'])];
    expect(stream).toEqual(text);
    expect((stream as { data: Dataset }).data.rows).toBe(60_000);
    const at = Buffer.byteLength(big) - 10;
    const bytes = Buffer.from(big);
    bytes[at] = 0;
    expect(await viaStream(file(bytes), 'y')).toEqual({ error: `${join(dir, `case-${count}.csv`)}: not a text CSV file (binary data at byte ${at})` });
  });

  it('fuzz: any text reads the same through both readers, or fails with the same one line', async () => {
    const cell = fc.oneof(
      fc.constantFrom('1', '-2.5', '3e2', '.5', '', ' ', 'x', 'NaN', '1e999', '"q"', '"a,b"', '"a\nb"', '\x1b[2J', '\u202e', '\r', '\t', 'é', '\u00a0', '\ufeff'),
      fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
      fc.string({ maxLength: 4 }),
    );
    const line = fc.array(cell, { minLength: 1, maxLength: 4 }).map((cells) => cells.join(','));
    const csv = fc.tuple(fc.array(line, { minLength: 0, maxLength: 6 }), fc.constantFrom('\n', '\r\n')).map(([lines, nl]) => lines.join(nl) + nl);
    await fc.assert(
      fc.asyncProperty(csv, fc.constantFrom('y', 'x1'), async (text, target) => {
        const path = file(text, 'fuzz.csv');
        const [a, b] = [await viaText(path, target), await viaStream(path, target)];
        expect(b).toEqual(a);
        if ('error' in a) expect(a.error).toMatch(/^[^\n\r\x1b]*$/);
      }),
      { numRuns: 400 },
    );
  });

  it('parseCsv and the file reader agree on text given directly', () => {
    const text = 'x1,x2,y\n1,2,3\n';
    expect(rowsOf(toDataset(parseCsv(text, 'a.csv'), { targets: ['y'] })).x).toEqual([[1, 2]]);
  });
});

/** The last header name of a CSV case, as its target. */
function tailColumn(text: string | Buffer): string {
  const first = String(text).replace(/^\ufeff/, '').split(/\r?\n/).find((l) => l.trim() !== '')!;
  return first.split(',').at(-1)!.trim();
}
