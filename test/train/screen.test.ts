import { describe, expect, it } from 'vitest';
import { readings, screen } from '../../src/train/screen.ts';
import type { SnappedLayer } from '../../src/formula/evaluate.ts';

const x = [[1, 2], [2, 3], [3, 1], [0.5, 4], [2, 2]];
const y = x.map(([a, b]) => [a * b]);
const rows = { x, y, precision: x.map(() => [0]) };
const product: SnappedLayer[] = [{ kind: 'caluM', weights: [[1, 1]] }, { kind: 'caluA', weights: [[1]] }];

describe('the screen', () => {
  it('passes a network exact on the sample and on every row', () => {
    expect(screen(product, { x: x.slice(0, 2), y: y.slice(0, 2), precision: rows.precision.slice(0, 2) }, rows)).toEqual({ error: 0, passed: true });
  });

  it('fails one exact on the sample only, and reports its error on the sample', () => {
    const wrongAt = { ...rows, y: y.map((t, i) => (i === 4 ? [t[0] + 1] : t)) };
    const sample = { x: x.slice(0, 2), y: y.slice(0, 2), precision: rows.precision.slice(0, 2) };
    expect(screen(product, sample, wrongAt)).toEqual({ error: 0, passed: false });
    const off = screen([product[0], { kind: 'caluA', weights: [[1.1]] }], rows, rows);
    expect(off.passed).toBe(false);
    expect(off.error).toBeCloseTo(0.1, 12);
  });

  it('passes the precision the target was written with', () => {
    const written = { x, y: y.map((t) => [t[0] + 0.004]), precision: x.map(() => [0.005]) };
    expect(screen(product, written, written).passed).toBe(true);
  });
});

describe('the two readings of a snapshot', () => {
  it('are the weights as snapped and the last layer refitted, each judged on the sample', () => {
    const snapped: SnappedLayer[] = [product[0], { kind: 'caluA', weights: [[2]] }];
    const [round, refit] = readings(snapped, rows);
    expect(round).toMatchObject({ extractor: 'round', exact: [false] });
    expect(round.errors[0]).toBeCloseTo(1, 12);
    expect(refit).toMatchObject({ extractor: 'refit', exact: [true] });
    expect(refit.errors[0]).toBeLessThan(1e-14);
    expect(refit.layers[1].weights[0][0]).toBeCloseTo(1, 14);
  });
});
