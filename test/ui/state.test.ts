import { describe, expect, it } from 'vitest';
import { HISTORY, initialState, reduce } from '../../src/ui/state.ts';
import { graphWindow } from '../../src/ui/views/GraphView.tsx';
import { sparkline, sparklines } from '../../src/ui/format.ts';
import type { ProgressEvent } from '../../src/train/events.ts';
import { recording, replay } from './fixture.ts';

const lorentz = recording('lorentz');

describe('the UI state, reduced from fit events', () => {
  it('runs the clock on across stages and estimates what is left of the stage', () => {
    const before = replay(lorentz, 59); // the last event of stage 1
    const stage1 = lorentz.events[58] as ProgressEvent;
    expect(before.elapsed).toBeCloseTo(stage1.elapsed, 12);
    const after = replay(lorentz, 61); // stage 2, first progress
    const first2 = lorentz.events[60] as ProgressEvent;
    expect(after.stage?.index).toBe(2);
    expect(after.elapsed).toBeCloseTo(stage1.elapsed + first2.elapsed, 12);
    expect(after.eta).toBeCloseTo((first2.elapsed / first2.step) * (first2.steps - first2.step), 12);
    // The sparkline history is the current stage's only.
    expect(after.history.best).toEqual([first2.bestLoss]);
  });

  it('keeps the best candidate of each target, in target order, as Unicode', () => {
    const s = replay(lorentz, 81);
    expect(s.best).toEqual([
      { target: 'pp', formula: '0', exact: false, error: 1 },
      { target: 'pq', formula: '0', exact: false, error: 1 },
      { target: 'qq', formula: 'q₀² − q₁² − q₂² − q₃²', exact: true, error: 0 },
    ]);
  });

  it('holds at most HISTORY points of loss', () => {
    let s = reduce(initialState('x.csv'), lorentz.events[1]);
    const p = lorentz.events[2] as ProgressEvent;
    for (let i = 0; i < HISTORY + 50; i++) s = reduce(s, { ...p, step: i + 1, bestLoss: i });
    expect(s.history.best).toHaveLength(HISTORY);
    expect(s.history.best.at(-1)).toBe(HISTORY + 49);
  });

  it('ends with the done event and the result: exact marks, errors, graph lines', () => {
    const s = replay(lorentz);
    expect(s.done).toEqual({ exact: true, seconds: lorentz.result.seconds, stoppedBy: 'solved' });
    expect(s.result?.outputs.map((o) => [o.target, o.formula, o.exact, o.train, o.test])).toEqual([
      ['pp', 'p₀² − p₁² − p₂² − p₃²', true, 0, 0],
      ['pq', 'p₀·q₀ − p₁·q₁ − p₂·q₂ − p₃·q₃', true, 0, 0],
      ['qq', 'q₀² − q₁² − q₂² − q₃²', true, 0, 0],
    ]);
    expect(s.result?.candidates.filter((c) => c.chosen)).toHaveLength(3);
    expect(s.result?.graph[0]).toMatch(/^pp, pq, qq: 8 inputs → 12 units → 3 outputs \(m → a\)/);
  });
});

describe('view helpers', () => {
  it('a graph window scrolls sideways when lines are wider than the screen', () => {
    const lines = ['abcdefghij', '0123456789'];
    expect(graphWindow(lines, 4, 10, { top: 0, left: 3 })).toEqual({ lines: ['defg', '3456'], status: 'columns 4–7 of 10 (←→)' });
    // Scrolled past the end, it shows the last columns.
    expect(graphWindow(lines, 4, 10, { top: 0, left: 99 }).lines).toEqual(['ghij', '6789']);
  });

  it('sparklines are log-scaled, and share one scale when drawn together', () => {
    expect(sparkline([1, 10, 100], 3)).toBe('▁▅█');
    expect(sparkline([1, NaN, 100], 3)).toBe('▁ █');
    expect(sparklines([[10, 1], [100, 10]], 5)).toEqual(['▅▁', '█▅']);
  });
});
