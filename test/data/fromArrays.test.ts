import { describe, expect, it } from 'vitest';
import { rowsOf } from '../../src/data/rows.ts';
import { fromArrays } from '../../src/data/fromArrays.ts';
import { CaluError } from '../../src/errors.ts';
import { fit } from '../../src/fit.ts';

function message(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(CaluError);
    return (e as Error).message;
  }
  throw new Error('expected a CaluError');
}

describe('a dataset from plain arrays', () => {
  it('takes every other column as an input, by row, at full precision', () => {
    const d = fromArrays({ a: [1, 2], y: [0.1, 0.2], b: new Float64Array([3, 4]) }, { targets: ['y'] });
    expect(d).toEqual({
      source: '<arrays>',
      inputs: ['a', 'b'],
      targets: ['y'],
      rows: 2,
      inputColumns: [Float64Array.of(1, 2), Float64Array.of(3, 4)],
      targetColumns: [Float64Array.of(0.1, 0.2)],
      precisionColumns: [Float64Array.of(0, 0)],
      lines: Uint32Array.of(1, 2),
    });
  });

  it('takes only the inputs named', () => {
    const d = fromArrays({ a: [1], b: [2], y: [3] }, { targets: ['y'], inputs: ['b'] });
    expect(d.inputs).toEqual(['b']);
    expect(rowsOf(d).x).toEqual([[2]]);
  });

  it('names the column and row of a bad value, and columns that are missing or of another length', () => {
    expect(message(() => fromArrays({ a: [1, NaN], y: [1, 2] }, { targets: ['y'] }))).toBe('<arrays> row 2, column "a": NaN is not a finite number');
    expect(message(() => fromArrays({ a: [1, 2], y: [1, Infinity] }, { targets: ['y'] }))).toBe('<arrays> row 2, column "y": Infinity is not a finite number');
    expect(message(() => fromArrays({ a: [1, 2], y: [1] }, { targets: ['y'] }))).toBe('<arrays>: column "y" has 1 values, but column "a" has 2');
    expect(message(() => fromArrays({ a: [1], y: [1] }, { targets: ['z'] }))).toBe('<arrays>: no target column "z" (columns: a, y)');
    expect(message(() => fromArrays({ a: [1], y: [1] }, { targets: ['y'], inputs: ['y'] }))).toBe('<arrays>: column "y" is both an input and a target');
    expect(message(() => fromArrays({ y: [1] }, { targets: ['y'] }))).toBe('<arrays>: no input columns left besides the target');
  });

  it('fits like a CSV', async () => {
    const x1 = Array.from({ length: 64 }, (_, i) => ((i * 37) % 64) / 16 - 2);
    const x2 = Array.from({ length: 64 }, (_, i) => ((i * 11) % 64) / 16 - 1.97);
    const result = await fit(fromArrays({ x1, x2, y: x1.map((v, i) => v * x2[i]) }, { targets: ['y'] }), { seed: 1 });
    expect(result.outputs[0]).toMatchObject({ formula: 'x1 * x2', exact: true });
  });

  it('tells a caller who hands fit the rows a Dataset once held how to make one of columns', async () => {
    const rows = { source: 'old.csv', inputs: ['x1'], targets: ['y'], x: [[1], [2]], y: [[1], [2]], precision: [[0], [0]], lines: [2, 3] };
    await expect(fit(rows as never)).rejects.toThrow('old.csv: not a Dataset of columns (toDataset, fromArrays and datasetOfRows make one; a Dataset no longer holds rows x and y)');
  });
});
