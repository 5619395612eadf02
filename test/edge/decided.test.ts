import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { calu } from '../helpers/cli.ts';
import { Random } from '../../src/util/random.ts';

const dir = mkdtempSync(join(tmpdir(), 'calu-decided-'));

/** y = x1^2 + x1 x2 + x2^2 on `points` random distinct points, each written `copies` times. */
function quadratic(name: string, points: number, copies: number, seed: number): string {
  const rng = new Random(seed);
  const rows = Array.from({ length: points }, () => [rng.between(1, 3), rng.between(0.5, 3.5)].map((v) => Math.round(v * 1000) / 1000));
  const lines = ['x1,x2,y'];
  for (let k = 0; k < copies; k++) for (const [a, b] of rows) lines.push(`${a},${b},${a * a + a * b + b * b}`);
  const path = join(dir, name);
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}

describe('a formula the data cannot decide', () => {
  // x1^2 + x1 x2 + x2^2 has 7 free coefficients (4 exponents, 3 coefficients): 14 distinct points decide it.
  it('fits every one of 10 distinct points written 100 times, and is not called exact: text, JSON and exit code say why', async () => {
    const path = quadratic('q10.csv', 10, 100, 3);
    const text = await calu(['fit', path, '--target', 'y', '--seed', '1']);
    expect(text.code).toBe(3);
    expect(text.stdout).toBe('y ≈ x1^2 + x1 * x2 + x2^2  (the data cannot decide: 10 distinct rows for 7 free coefficients, 14 needed)\n');
    expect(text.stderr).toContain('y: NOT exact (train max rel. error 0; the data cannot decide: 10 distinct rows for 7 free coefficients, 14 needed)\n');
    expect(text.stderr).toContain('stopped: every formula fits every row, but the data cannot decide some\n');
    const json = await calu(['fit', path, '--target', 'y', '--seed', '1', '--json']);
    expect(json.code).toBe(3);
    const out = JSON.parse(json.stdout);
    expect(out.outputs[0]).toMatchObject({ formula: 'x1^2 + x1 * x2 + x2^2', exact: false, undecided: { distinctRows: 10, freeCoefficients: 7, needed: 14 } });
    expect(out.outputs[0].metrics.train).toMatchObject({ rows: 1000, maxRelError: 0 });
    // Nothing better can be learned from the data: the search ends there.
    expect(out.stoppedBy).toBe('solved');
  });

  it('is exact on 14 distinct points', async () => {
    const r = await calu(['fit', quadratic('q14.csv', 14, 1, 4), '--target', 'y', '--seed', '1']);
    expect(r.stdout).toBe('y = x1^2 + x1 * x2 + x2^2\n');
    expect(r.code).toBe(0);
  });
});
