import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { calu } from '../helpers/cli.ts';
import { writeProductCsv } from '../helpers/bigCsv.ts';
import { extrapolationLine } from '../../src/export/extrapolation.ts';
import { range } from '../../src/export/svg/chart.ts';
import { datasetOfRows } from '../../src/data/rows.ts';

const dir = mkdtempSync(join(tmpdir(), 'calu-large-'));

describe('large files', () => {
  it('the report pieces take 300,000 rows (they once spread every row into Math.max)', () => {
    const n = 300_000;
    const x = Array.from({ length: n }, (_, i) => [(i % 1000) / 250 - 2, ((i * 7) % 1000) / 250 - 2]);
    const data = datasetOfRows('big.csv', ['x1', 'x2'], ['y'], { x, y: x.map((r) => [r[0] * r[1]]) });
    const line = extrapolationLine(data);
    expect(line.rows).toHaveLength(241);
    expect(range(x.map((r) => r[0]), 0)).toEqual({ min: -2, max: 1.996 });
  });

  it('fits y = x1*x2 on 300,000 rows and writes the report', async () => {
    const csv = join(dir, 'p300k.csv');
    const report = join(dir, 'report.html');
    writeProductCsv(csv, 300_000);
    // A fixed small stack keeps the test short: what is under test is the size of the data.
    const r = await calu(['fit', csv, '--target', 'y', '--layers', '2 4:m 1:a', '--steps', '200', '--seed', '1', '--quiet', '--report', report]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('y = x1 * x2\n');
    expect(r.code).toBe(0);
    const html = readFileSync(report, 'utf8');
    expect(html).toContain('300000 training rows');
    expect(html).toContain('400 of 300000 rows');
  });
});
