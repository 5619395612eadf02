import { describe, expect, it } from 'vitest';
import { HISTORY, initialState, reduce, type UiState } from '../../src/ui/state.ts';
import { graphWindow } from '../../src/ui/views/GraphView.tsx';
import { sparkline, sparklines } from '../../src/ui/format.ts';
import type { CandidateEvent, ProgressEvent, StageEvent } from '../../src/train/events.ts';
import { recording, replay } from './fixture.ts';

const lorentz = recording('lorentz');

describe('the UI state, reduced from fit events', () => {
  it('runs the clock on across stages and estimates what is left of the stage', () => {
    // The recording has one stage: a second one, as the search would start it, follows its last progress event.
    const stage1 = lorentz.events[27] as ProgressEvent;
    const before = replay(lorentz, 28);
    expect(before.elapsed).toBeCloseTo(stage1.elapsed, 12);
    const next: StageEvent = { ...(lorentz.events[1] as StageEvent), index: 2, stack: '8 10:m 3:a' };
    const first2: ProgressEvent = { ...stage1, stage: 2, step: 10, elapsed: 0.25, bestLoss: 0.5 };
    const after = reduce(reduce(before, next), first2);
    expect(after.stage?.index).toBe(2);
    expect(after.elapsed).toBeCloseTo(stage1.elapsed + 0.25, 12);
    expect(after.eta).toBeCloseTo((0.25 / 10) * (500 - 10), 12);
    // The sparkline history is the current stage's only.
    expect(before.history.best).toHaveLength(20);
    expect(after.history.best).toEqual([0.5]);
  });

  it('keeps the best candidate of each target, in target order, as Unicode, with its network', () => {
    const s = replay(lorentz, 16);
    expect(s.best.map((b) => [b.target, b.formula, b.exact, b.error])).toEqual([
      ['pp', '0.22992·p₀·q₂ + 0.244879·p₁·p₃ − 0.0729212·p₂ − 0.0574509·q₁·q₂·q₃ − 2.72433', false, (lorentz.events[6] as CandidateEvent).error],
      ['pq', 'p₀·q₀ − p₁·q₁ − p₂·q₂ − p₃·q₃', true, 0],
      ['qq', '0.063336·p₀·q₂ + 0.19616·p₁·p₃ − 0.362662·p₂ − 0.489505·q₁·q₂·q₃ − 2.58025', false, (lorentz.events[8] as CandidateEvent).error],
    ]);
    expect(s.best[1].network).toEqual((lorentz.events[14] as CandidateEvent).network);
  });

  it('draws the best candidates\' graph while training, anew at each better candidate only, and the result\'s at the end', () => {
    const title = (s: UiState) => [s.graph.of, s.graph.lines[0]?.trimEnd()];
    expect(replay(lorentz, 6).graph).toEqual({ lines: [], of: 'candidates' });
    expect(title(replay(lorentz, 7))).toEqual(['candidates', 'pp: 7 inputs → 5 units → 1 output (m → a)']);
    expect(title(replay(lorentz, 9))).toEqual(['candidates', 'pp, pq, qq: 7 inputs → 5 units → 3 outputs (m → a)']);
    expect(title(replay(lorentz, 15))).toEqual(['candidates', 'pp, pq, qq: 8 inputs → 9 units → 3 outputs (m → a)']);
    expect(title(replay(lorentz, 26))).toEqual(['candidates', 'pp, pq, qq: 8 inputs → 13 units → 3 outputs (m → a)']);
    const trained = replay(lorentz, 28);
    expect(title(trained)).toEqual(['candidates', 'pp, pq, qq: 8 inputs → 12 units → 3 outputs (m → a)']);
    expect(trained.graph.lines.at(-1)).toBe('edge labels: exponents into CALUm units (m), coefficients into CALUa units (a)');
    // A progress event leaves the graph as it was: it is drawn once per candidate, not per frame.
    const s = replay(lorentz, 15);
    expect(reduce(s, lorentz.events[15]).graph).toBe(s.graph);
    // The result's graph is the chosen formulas' (here the same as the last candidates'), and a late candidate leaves it.
    const done = replay(lorentz);
    expect(done.graph).toEqual({ lines: trained.graph.lines, of: 'result' });
    expect(reduce(done, lorentz.events[6]).graph).toBe(done.graph);
  });

  it('a constant candidate (no surviving edge) gets a graph that says so', () => {
    const cube = recording('cube');
    expect((cube.events[6] as CandidateEvent).formula).toBe('0');
    expect(replay(cube, 7).graph.lines.map((l) => l.trimEnd())).toEqual([
      'y3: 0 inputs → 0 → 0 units → 1 output (a → m → a)',
      'no edge survives: y3 is a constant',
      '',
      'edge labels: exponents into CALUm units (m), coefficients into CALUa units (a)',
    ]);
    expect(replay(cube, 8).graph.lines[0].trimEnd()).toBe('y3: 3 inputs → 1 → 1 unit → 1 output (a → m → a)');
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
    expect(s.graph.of).toBe('result');
    expect(s.graph.lines[0]).toMatch(/^pp, pq, qq: 8 inputs → 12 units → 3 outputs \(m → a\)/);
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
