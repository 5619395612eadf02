import { closeSync, openSync, writeSync } from 'node:fs';
import { Random } from '../src/util/random.ts';

/**
 * Writes a CSV of `rows` rows x1,x2,y with y = x1*x2 and inputs drawn from
 * [-2, 2] (seeded), written in full precision. Large files are made at test
 * time, never committed (the memory benchmark and the large-file tests);
 * the text is written in blocks, never held whole.
 */
export function writeProductCsv(path: string, rows: number, seed = 1): void {
  const rng = new Random(seed);
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, 'x1,x2,y\n');
    const block: string[] = [];
    for (let i = 0; i < rows; i++) {
      const a = 4 * rng.uniform() - 2;
      const b = 4 * rng.uniform() - 2;
      block.push(`${a},${b},${a * b}\n`);
      if (block.length === 10_000 || i === rows - 1) {
        writeSync(fd, block.join(''));
        block.length = 0;
      }
    }
  } finally {
    closeSync(fd);
  }
}
