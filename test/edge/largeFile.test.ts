import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { calu } from '../helpers/cli.ts';
import { writeProductCsv } from '../../bench/bigCsv.ts';
import { extrapolationLine } from '../../src/export/extrapolation.ts';
import { range } from '../../src/export/svg/chart.ts';
import { datasetOfRows } from '../../src/data/rows.ts';
import { fromArrays } from '../../src/data/fromArrays.ts';
import { searchIndices } from '../../src/data/subsample.ts';
import { fit, SEARCH_ROWS } from '../../src/fit.ts';
import { Random } from '../../src/util/random.ts';

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

  it('fits y = x1*x2 on 150,000 rows with the default search, trained on a subsample and proved on every row', async () => {
    const csv = join(dir, 'p150k.csv');
    writeProductCsv(csv, 150_000, 2);
    const r = await calu(['fit', csv, '--target', 'y', '--seed', '1', '--json', '--quiet']);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout);
    expect(out.outputs[0]).toMatchObject({ formula: 'x1 * x2', exact: true, metrics: { train: { rows: 150_000, maxRelError: 0 } } });
    // The validation split (noisy data) is of the rows the search reads: 20% of the 4096-row subsample.
    expect(out.rows).toEqual({ train: 150_000, heldOut: 819 });
    expect(r.code).toBe(0);
  });

  it('does not call a formula exact when a row the search never saw breaks it', async () => {
    const rng = new Random(3);
    const n = 20_000;
    const x1 = Array.from({ length: n }, () => rng.between(-2, 2));
    const x2 = Array.from({ length: n }, () => rng.between(-2, 2));
    const y = x1.map((v, i) => v * x2[i]);
    const seen = new Set(searchIndices(fromArrays({ x1, x2, y }, { targets: ['y'] }), SEARCH_ROWS, 1));
    const unseen = Array.from({ length: n }, (_, i) => i).filter((i) => !seen.has(i) && Math.abs(y[i]) > 0.5)[0];
    y[unseen] *= 1 + 1e-6;
    const result = await fit(fromArrays({ x1, x2, y }, { targets: ['y'] }), { seed: 1, layers: '2 4:m 1:a', steps: 200 });
    const [out] = result.outputs;
    expect(out.formula).toBe('x1 * x2');
    expect(out.exact).toBe(false);
    expect(out.metrics.train.rows).toBe(n);
    expect(out.metrics.train.maxRelError).toBeCloseTo(1e-6, 9);
  });
});
