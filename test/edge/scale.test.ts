import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { calu } from '../helpers/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'calu-scale-'));

/** 200 rows x1, x2, y = x1 x2 from the given inputs of row i. */
function product(name: string, row: (i: number) => [number, number]): string {
  const lines = ['x1,x2,y'];
  for (let i = 0; i < 200; i++) {
    const [a, b] = row(i);
    lines.push(`${a},${b},${a * b}`);
  }
  const path = join(dir, name);
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}

/** Spread over [1, 3) by a stride through the rows. */
const spread = (i: number) => 1 + ((i * 37) % 200) / 100;

describe('values far from 1', () => {
  it('are refused in one line when one column spans more than float32 holds (1e-300 to 1e300), before training', async () => {
    const path = product('span.csv', (i) => [10 ** (-300 + (600 * ((i * 37) % 200)) / 199), 1 + (i % 7) / 3]);
    const r = await calu(['fit', path, '--target', 'y']);
    expect(r.stderr).toBe(`calu: ${path}: column "x1" holds values from 1.0e-300 to 1.0e+300 in size, 600 powers of ten apart; training runs in float32, which cannot hold more than 37 in one column, even rescaled\n`);
    expect(r.stdout).toBe('');
    expect(r.code).toBe(1);
  });

  it('are rescaled for training: around 1e150 and 1e-140 the formula is found (every loss was NaN before)', async () => {
    const r = await calu(['fit', product('far.csv', (i) => [spread(i) * 1e150, (1 + (i % 7) / 3) * 1e-140]), '--target', 'y', '--quiet']);
    expect(r.stdout).toBe('y = x1 * x2\n');
    expect(r.code).toBe(0);
  });

});
