import { describe, expect, it } from 'vitest';
import { parse } from 'mathjs';
import { toLatex } from '../../src/export/latex.ts';
import { CandidateBook } from '../../src/result/book.ts';
import { distinctPoints } from '../../src/data/dataset.ts';
import { datasetOfRows, rowsOf } from '../../src/data/rows.ts';
import type { SnappedLayer } from '../../src/formula/evaluate.ts';
import type { FitEvent } from '../../src/train/events.ts';
import type { Found } from '../../src/train/stage.ts';
import { Random } from '../../src/util/random.ts';

const rng = new Random(6);
const x = Array.from({ length: 60 }, () => [rng.between(1, 3), rng.between(1, 3)]);
const data = datasetOfRows('book', ['x1', 'x2'], ['y'], { x, y: x.map(([a, b]) => [a * b + 1]) });

/** x1 x2 + c, as an m -> a network. */
function sum(c: number): SnappedLayer[] {
  return [
    { kind: 'caluM', weights: [[1, 1], [0, 0]] },
    { kind: 'caluA', weights: [[1, c]] },
  ];
}

function found(layers: SnappedLayer[], screened: boolean, error: number, step = 50): Found {
  return { layers, extractor: 'refit', screened, error, stage: 1, step, restart: 0 };
}

function book(d = data, searched = { rows: rowsOf(d), everyRow: true, distinct: (enough: number) => distinctPoints([d], enough) }) {
  const events: FitEvent[] = [];
  return { book: new CandidateBook(d, searched, ['x1', 'x2'], [true, true], (e) => events.push(e)), events };
}

describe('the candidate book', () => {
  it('judges a candidate by its printed formula, not by the screen', () => {
    const { book: b, events } = book();
    // Said to have passed the screen, but it is x1 x2 + 2.
    b.offer(0, found(sum(2), true, 0));
    expect(b.solved(0)).toBe(false);
    expect(events).toMatchObject([{ type: 'candidate', target: 'y', formula: 'x1 * x2 + 2', exact: false }]);
    b.offer(0, found(sum(1), true, 0, 100));
    expect(b.solved(0)).toBe(true);
    expect(b.allSolved()).toBe(true);
    expect(events.at(-1)).toMatchObject({ formula: 'x1 * x2 + 1', exact: true, step: 100 });
  });

  it('keeps an exact formula against any later candidate but a smaller screened one', () => {
    const { book: b, events } = book();
    b.offer(0, found(sum(1), true, 0));
    b.offer(0, found(sum(2), false, 1e-3));
    const bigger: SnappedLayer[] = [
      { kind: 'caluM', weights: [[1, 1], [0, 0], [1, 0]] },
      { kind: 'caluA', weights: [[1, 1, 0.5]] },
    ];
    b.offer(0, found(bigger, true, 0));
    expect(events).toHaveLength(1);
    expect(b.finish([]).outputs[0]).toMatchObject({ formula: 'x1 * x2 + 1', exact: true });
  });

  it('reads an unscreened candidate only when it halves the error, and the best one at the end', () => {
    const { book: b, events } = book();
    b.offer(0, found(sum(3), false, 0.2));
    b.offer(0, found(sum(2.5), false, 0.15));
    expect(events.map((e) => (e as { formula: string }).formula)).toEqual(['x1 * x2 + 3']);
    const { outputs, candidates } = b.finish([{ index: 1, stack: '2 4:m 1:a', q: '', restarts: 1, steps: 1, targets: ['y'], end: 'steps', seconds: 0 }]);
    // The better one was never announced, yet it is read for the table. With nothing exact as read,
    // sparser refits of the best sum join them and every candidate has its coefficients refitted
    // (result/noisy.ts): both sums refit to x1 x2 + 1, which the float64 check proves exact.
    expect(candidates.map((c) => c.formula).sort()).toEqual(['5 * x1 * x2 / 4', 'x1 * x2 + 1']);
    expect(candidates.filter((c) => c.chosen).map((c) => c.formula)).toEqual([outputs[0].formula]);
    expect(outputs[0]).toMatchObject({ formula: 'x1 * x2 + 1', exact: true, fit: 'exact', source: { stage: 1, stack: '2 4:m 1:a', extractor: 'refit' } });
  });

  it('checks the chosen formula on the test rows, and writes its LaTeX', () => {
    const { book: b } = book();
    b.offer(0, found(sum(1), true, 0));
    const test = datasetOfRows('test', ['x1', 'x2'], ['y'], { x: [[10, 10]], y: [[100]] });
    const [out] = b.finish([], test).outputs;
    expect(out).toMatchObject({ formula: 'x1 * x2 + 1', exact: false, metrics: { test: { rows: 1, maxAbsError: 1 } } });
    // Every export comes from the one tree.
    expect(out.latex).toBe(toLatex(parse('x1 * x2 + 1')));
  });

  it('reads a formula on the rows the search saw, but judges it on every row', () => {
    // The last row is off by 1e-3, and the search saw only the first 40.
    const d = datasetOfRows('book', ['x1', 'x2'], ['y'], { x, y: x.map(([a, b], i) => [a * b + 1 + (i === 59 ? 1e-3 : 0)]) });
    const first40 = Int32Array.from({ length: 40 }, (_, i) => i);
    const { book: b, events } = book(d, { rows: rowsOf(d, first40), everyRow: false, distinct: (enough) => distinctPoints([d], enough) });
    b.offer(0, found(sum(1), true, 0));
    expect(b.solved(0)).toBe(false);
    expect(events).toMatchObject([{ formula: 'x1 * x2 + 1', exact: false }]);
    const [out] = b.finish([]).outputs;
    expect(out).toMatchObject({ formula: 'x1 * x2 + 1', exact: false, metrics: { train: { rows: 60 } } });
    expect(out.metrics.train.maxAbsError).toBeCloseTo(1e-3, 12);
  });

  it('ends the search on a formula that fits every row, but does not call it exact when too few distinct rows decide it', () => {
    const { book: b, events } = book(data, { rows: rowsOf(data), everyRow: true, distinct: (enough) => Math.min(enough, 7) });
    b.offer(0, found(sum(1), true, 0));
    expect(b.solved(0)).toBe(true);
    expect(events).toMatchObject([{ formula: 'x1 * x2 + 1', exact: false }]);
    const { outputs, candidates } = b.finish([]);
    // x1 x2 + 1: two exponents and two coefficients, which any 4 points would fit; 8 decide it.
    expect(outputs[0]).toMatchObject({ formula: 'x1 * x2 + 1', exact: false, undecided: { distinctRows: 7, freeCoefficients: 4, needed: 8 } });
    expect(candidates.filter((c) => c.chosen)).toMatchObject([{ formula: 'x1 * x2 + 1', exact: false }]);
    // With 8 distinct rows it is exact.
    const enough = book(data, { rows: rowsOf(data), everyRow: true, distinct: (n) => Math.min(n, 8) }).book;
    enough.offer(0, found(sum(1), true, 0));
    expect(enough.finish([]).outputs[0]).toMatchObject({ exact: true });
    expect(enough.finish([]).outputs[0].undecided).toBeUndefined();
  });

  it('reports a target with no candidate as unsolved', () => {
    const { book: b } = book();
    expect(b.finish([]).outputs[0]).toMatchObject({ target: 'y', formula: '', exact: false, source: null });
  });
});
