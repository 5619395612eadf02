import { describe, expect, it } from 'vitest';
import { parse } from 'mathjs';
import { toLatex } from '../../src/export/latex.ts';
import { CandidateBook } from '../../src/result/book.ts';
import type { Dataset } from '../../src/data/dataset.ts';
import type { SnappedLayer } from '../../src/formula/evaluate.ts';
import type { FitEvent } from '../../src/train/events.ts';
import type { Found } from '../../src/train/stage.ts';
import { Random } from '../../src/util/random.ts';

const rng = new Random(6);
const x = Array.from({ length: 60 }, () => [rng.between(1, 3), rng.between(1, 3)]);
const data: Dataset = {
  source: 'book',
  inputs: ['x1', 'x2'],
  targets: ['y'],
  x,
  y: x.map(([a, b]) => [a * b + 1]),
  precision: x.map(() => [0]),
  lines: x.map((_, i) => i + 2),
};

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

function book() {
  const events: FitEvent[] = [];
  return { book: new CandidateBook(data, ['x1', 'x2'], [true, true], (e) => events.push(e)), events };
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
    const test = { ...data, x: [[10, 10]], y: [[100]], precision: [[0]], lines: [2] };
    const [out] = b.finish([], test).outputs;
    expect(out).toMatchObject({ formula: 'x1 * x2 + 1', exact: false, metrics: { test: { rows: 1, maxAbsError: 1 } } });
    // Every export comes from the one tree.
    expect(out.latex).toBe(toLatex(parse('x1 * x2 + 1')));
  });

  it('reports a target with no candidate as unsolved', () => {
    const { book: b } = book();
    expect(b.finish([]).outputs[0]).toMatchObject({ target: 'y', formula: '', exact: false, source: null });
  });
});
