import { describe, expect, it, vi } from 'vitest';
import { render } from 'ink-testing-library';
import { renderToString } from 'ink';
import { App } from '../../src/ui/App.tsx';
import { FinalScreen } from '../../src/ui/FinalScreen.tsx';
import { plain, recording, replay } from './fixture.ts';

const lorentz = recording('lorentz');
const HEADER = ' calu   1 Training   2 Graph   3 Result                            q stop · Tab or 1–3 switch views';
const tick = () => new Promise((r) => setTimeout(r, 30));
const app = (state = replay(lorentz), props: { height?: number; onStop?: () => void } = {}) =>
  render(<App state={state} width={100} height={props.height ?? 40} interactive onStop={props.onStop ?? (() => {})} />);

/**
 * The frame after the keys, one at a time, as the user would type them:
 * once it has stayed the same for a few ticks (on a loaded machine a
 * render can come later than one tick after its key).
 */
async function after(r: ReturnType<typeof app>, ...keys: string[]): Promise<string[]> {
  await tick();
  for (const k of keys) {
    r.stdin.write(k);
    await tick();
  }
  let frame = r.lastFrame();
  for (let still = 0, waited = 0; still < 4 && waited < 100; waited++) {
    await tick();
    still = r.lastFrame() === frame ? still + 1 : 0;
    frame = r.lastFrame();
  }
  return plain(frame).split('\n');
}

const LEGEND = 'edge labels: exponents into CALUm units (m), coefficients into CALUa units (a)';
const GRAPH = [
  'pp, pq, qq: 8 inputs → 12 units → 3 outputs (m → a)',
  ' p₀  p₁  p₂  p₃  q₀  q₁  q₂  q₃',
  ' │   │   │   │   │   │   │   │',
  ' 2───┼───┼───┼───┼───┼───┼───┼───▶ p₀² ────1',
  ' │   2───┼───┼───┼───┼───┼───┼───▶ p₁² ────−1',
  ' │   │   2───┼───┼───┼───┼───┼───▶ p₂² ────−1',
  ' │   │   │   2───┼───┼───┼───┼───▶ p₃² ────−1',
  ' 1───┼───┼───┼───1───┼───┼───┼───▶ p₀·q₀ ──┼───1',
  '     1───┼───┼───┼───1───┼───┼───▶ p₁·q₁ ──┼───−1',
  '         1───┼───┼───┼───1───┼───▶ p₂·q₂ ──┼───−1',
  '             1───┼───┼───┼───1───▶ p₃·q₃ ──┼───−1',
  '                 2───┼───┼───┼───▶ q₀² ────┼───┼───1',
  '                     2───┼───┼───▶ q₁² ────┼───┼───−1',
  '                         2───┼───▶ q₂² ────┼───┼───−1',
  '                             2───▶ q₃² ────┼───┼───−1',
  '                                           ▼   ▼   ▼',
  '                                           pp  pq  qq',
];

/** The graph of the best candidates after event 10: three inexact formulas read off one restart's network, so they share its units. */
const LIVE_FIRST = [
  'Best candidates so far (✓ exact), redrawn as they improve: pp ✗ · pq ✗ · qq ✗',
  'pp, pq, qq: 7 inputs → 5 units → 3 outputs (m → a)',
  ' p₀  p₁  p₂  p₃  q₁  q₂  q₃',
  ' │   │   │   │   │   │   │',
  ' 1───┼───┼───┼───┼───1───┼───▶ p₀·q₂ ─────0.2299────0.1102───0.06334',
  '     1───┼───1───┼───┼───┼───▶ p₁·p₃ ─────0.2449────−0.1751──0.1962',
  '         1───────┼───┼───┼───▶ p₂ ────────−0.07292──0.1932───−0.3627',
  '                 1───1───1───▶ q₁·q₂·q₃ ──−0.05745──−0.0973──−0.4895',
  '                               1 ─────────−2.724────0.02685──−2.58',
  '                                          ▼         ▼        ▼',
  '                                          pp        pq       qq',
  'unused input: q₀',
  LEGEND,
];

/** After event 15: pq is exact, and its units join the graph; pp and qq keep their first candidates. */
const LIVE_PQ = [
  'Best candidates so far (✓ exact), redrawn as they improve: pp ✗ · pq ✓ · qq ✗',
  'pp, pq, qq: 8 inputs → 9 units → 3 outputs (m → a)',
  ' p₀  p₁  p₂  p₃  q₀  q₁  q₂  q₃',
  ' │   │   │   │   │   │   │   │',
  ' 1───┼───┼───┼───┼───┼───1───┼───▶ p₀·q₂ ─────0.2299────────0.06334',
  ' │   1───┼───1───┼───┼───┼───┼───▶ p₁·p₃ ─────0.2449────────0.1962',
  ' │   │   1───┼───┼───┼───┼───┼───▶ p₂ ────────−0.07292──────−0.3627',
  ' │   │   │   │   │   1───1───1───▶ q₁·q₂·q₃ ──−0.05745──────−0.4895',
  ' │   │   │   │   │   │   │   │     1 ─────────−2.724────────−2.58',
  ' 1───┼───┼───┼───1───┼───┼───┼───▶ p₀·q₀ ─────┼─────────1   │',
  '     1───┼───┼───────1───┼───┼───▶ p₁·q₁ ─────┼─────────−1  │',
  '         1───┼───────────1───┼───▶ p₂·q₂ ─────┼─────────−1  │',
  '             1───────────────1───▶ p₃·q₃ ─────┼─────────−1  │',
  '                                              ▼         ▼   ▼',
  '                                              pp        pq  qq',
  LEGEND,
];

describe('the live screen, driven by a recorded Lorentz fit', () => {
  it('training view: stage, step and budget bars with ETA, loss sparklines, restarts, quantizer, best formulas so far', async () => {
    // 16 events in: stage 1 at step 100, pq already exact.
    expect(await after(app(replay(lorentz, 16)))).toEqual([
      HEADER,
      '',
      'samples/lorentz-train.csv: 1000 rows, 8 inputs → pp, pq, qq · backend wasm · seed 1',
      'Stage 1: 8 5:m 3:a · Q {-2, -1, 0, 1, 2} · 48 restarts · for pp, pq, qq',
      '',
      'steps   ████████░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░  100/500  ·  0.9 s elapsed  ·  stage ETA 3.7 s',
      'budget  ░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░  0.9 s of 5 min 00 s',
      '',
      'loss    best    ▇▄▃▂▃▂▃▁▁▂                                1.21e+0   normalized MSE, log scale',
      '        median  █▆▅▄▄▃▄▂▂▃                                1.48e+0',
      '',
      'restarts   48 running · 0 converged · 0 exact · 0 blown up and redrawn',
      'quantizer  █████░░░░░░░░░░░░░░░  25% of weights settled (within 0.05 of a value in Q)',
      '',
      'Best formula so far',
      '  ✗ pp = 0.22992·p₀·q₂ + 0.244879·p₁·p₃ − 0.0729212·p₂ − 0.0574509·q₁·q₂·… max rel. error 7.7e+2',
      '  ✓ pq = p₀·q₀ − p₁·q₁ − p₂·q₂ − p₃·q₃                                     exact',
      '  ✗ qq = 0.063336·p₀·q₂ + 0.19616·p₁·p₃ − 0.362662·p₂ − 0.489505·q₁·q₂·q₃… max rel. error 5.9e+2',
    ]);
  });

  it('graph view (key 2) while training: a note until the first candidate, then the best candidates\' pruned graph', async () => {
    // 6 events in: training, no candidate yet.
    expect(await after(app(replay(lorentz, 6)), '2')).toEqual([
      HEADER,
      '',
      'No candidate yet: the pruned graph of the best candidate of each target appears here once training …',
      'Training now: 8 5:m 3:a, before pruning (48 restarts).',
    ]);
    // One candidate in: pp's graph alone, the others still searching.
    const one = await after(app(replay(lorentz, 7)), '2');
    expect(one.slice(2, 4)).toEqual(['Best candidates so far (✓ exact), redrawn as they improve: pp ✗ · pq … · qq …', 'pp: 7 inputs → 5 units → 1 output (m → a)']);
    expect(await after(app(replay(lorentz, 10)), '2')).toEqual([HEADER, '', ...LIVE_FIRST]);
    expect(await after(app(replay(lorentz, 16)), '2')).toEqual([HEADER, '', ...LIVE_PQ]);
  });

  it('graph view: redrawn on screen as the candidates improve, then the chosen formulas\' graph once the fit is done', async () => {
    const props = { width: 100, height: 40, interactive: true, onStop: () => {} };
    const r = render(<App state={replay(lorentz, 10)} {...props} />);
    expect((await after(r, '2')).slice(2)).toEqual(LIVE_FIRST);
    // The same screen, new events: the view stays on the graph and draws the better candidates.
    r.rerender(<App state={replay(lorentz, 16)} {...props} />);
    expect((await after(r)).slice(2)).toEqual(LIVE_PQ);
    // Every target exact: the candidates' graph is already the final one, still captioned as live.
    r.rerender(<App state={replay(lorentz, 28)} {...props} />);
    expect((await after(r)).slice(2)).toEqual(['Best candidates so far (✓ exact), redrawn as they improve: pp ✓ · pq ✓ · qq ✓', ...GRAPH, LEGEND]);
    // The result is in: the chosen formulas' graph, without the caption.
    r.rerender(<App state={replay(lorentz)} {...props} />);
    expect(await after(r)).toEqual([HEADER, '', ...GRAPH, LEGEND]);
  });

  it('result view (key 3): Unicode equations with exact marks and errors, LaTeX, the candidate table', async () => {
    expect(await after(app(), '3')).toEqual([
      HEADER,
      '',
      'Equations                                                         max rel. error: train / test',
      '  ✓ pp = p₀² − p₁² − p₂² − p₃²                                    exact      0 / 0',
      '  ✓ pq = p₀·q₀ − p₁·q₁ − p₂·q₂ − p₃·q₃                            exact      0 / 0',
      '  ✓ qq = q₀² − q₁² − q₂² − q₃²                                    exact      0 / 0',
      '',
      'LaTeX',
      '    pp = p_{0}^{2}-p_{1}^{2}-p_{2}^{2}-p_{3}^{2}',
      '    pq = p_{0} q_{0}-p_{1} q_{1}-p_{2} q_{2}-p_{3} q_{3}',
      '    qq = q_{0}^{2}-q_{1}^{2}-q_{2}^{2}-q_{3}^{2}',
      '',
      'Candidates  every distinct formula found, ▶ the one chosen',
      '    target  formula                                           complexity  max rel. error  held-out',
      '  ▶ pp      p₀² − p₁² − p₂² − p₃²                                     15             0 ✓         0',
      '    pp      0.22992·p₀·q₂ + 0.244879·p₁·p₃ − 0.0729212·p₂ − 0…        25        7.7e+2      6.6e−1',
      '  ▶ pq      p₀·q₀ − p₁·q₁ − p₂·q₂ − p₃·q₃                             15             0 ✓         0',
      '    pq      0.110247·p₀·q₂ − 0.175057·p₁·p₃ + 0.193218·p₂ − 0…        25        4.3e+1      1.0e+0',
      '  ▶ qq      q₀² − q₁² − q₂² − q₃²                                     15             0 ✓         0',
      '    qq      0.063336·p₀·q₂ + 0.19616·p₁·p₃ − 0.362662·p₂ − 0.…        25        5.9e+2      6.7e−1',
      '',
      '1.6 s · seed 1 · solved: every formula is exact',
    ]);
  });

  it('Tab and Shift-Tab cycle the views, number keys pick one', async () => {
    const r = app();
    const first = (lines: string[]) => lines[2];
    expect(first(await after(r))).toMatch(/^samples\/lorentz-train\.csv: 1000 rows/);
    expect(first(await after(r, '\t'))).toBe(GRAPH[0]);
    expect(first(await after(r, '\t'))).toMatch(/^Equations/);
    expect(first(await after(r, '\t'))).toMatch(/^samples\/lorentz-train\.csv/);
    expect(first(await after(r, '\x1b[Z'))).toMatch(/^Equations/);
    expect(first(await after(r, '1'))).toMatch(/^samples\/lorentz-train\.csv/);
    // Keys that arrive in one chunk count one by one.
    expect(first(await after(r, '\t\t'))).toMatch(/^Equations/);
    expect(first(await after(r, '32'))).toBe(GRAPH[0]);
  });

  it('q and Ctrl-C ask to stop; the header then says it is stopping', async () => {
    const onStop = vi.fn();
    const r = app(replay(lorentz, 16), { onStop });
    await after(r, 'q', '\x03');
    expect(onStop).toHaveBeenCalledTimes(2);
    // Two Ctrl-C read in one chunk are two requests (the second quits at once).
    await after(r, '\x03\x03');
    expect(onStop).toHaveBeenCalledTimes(4);
    const stopping = await after(app({ ...replay(lorentz, 16), stopping: true }));
    expect(stopping[0]).toBe(' calu   1 Training   2 Graph   3 Result                                                   stopping…');
    expect(stopping.at(-1)).toBe('Stopping: finishing with the best formula so far…');
  });

  it('a graph taller than the screen scrolls with the arrows and says which lines it shows', async () => {
    // 12 rows: the header, a gap, 8 graph lines and the status line.
    const r = app(replay(lorentz), { height: 12 });
    const top = await after(r, '2');
    // 17 lines of graph, a gap and the legend.
    expect(top.slice(2)).toEqual([...GRAPH.slice(0, 8), 'lines 1–8 of 19 (↑↓ PgUp PgDn)']);
    const down = await after(r, '\x1b[B', '\x1b[B');
    expect(down.slice(2)).toEqual([...GRAPH.slice(2, 10), 'lines 3–10 of 19 (↑↓ PgUp PgDn)']);
    // Past the end it stops at the last page, and one step up moves at once.
    const end = await after(r, '\x1b[6~', '\x1b[6~', '\x1b[6~', '\x1b[A');
    expect(end.at(-1)).toBe('lines 11–18 of 19 (↑↓ PgUp PgDn)');
  });

  it('the candidates\' graph scrolls too, in the lines its caption leaves', async () => {
    // 12 rows: the header, a gap, the caption, 7 graph lines and the status line.
    const r = app(replay(lorentz, 16), { height: 12 });
    expect((await after(r, '2')).slice(2)).toEqual([...LIVE_PQ.slice(0, 8), 'lines 1–7 of 16 (↑↓ PgUp PgDn)']);
    // The last page ends at the last line, the legend.
    const end = await after(r, '\x1b[6~', '\x1b[6~', '\x1b[6~');
    expect(end.slice(2)).toEqual([LIVE_PQ[0], ...LIVE_PQ.slice(10), 'lines 10–16 of 16 (↑↓ PgUp PgDn)']);
  });

  it('the result view cuts the candidate table to the screen and says how many rows it left out', async () => {
    const lines = await after(app(replay(lorentz), { height: 20 }), '3');
    expect(lines.length).toBeLessThanOrEqual(19);
    expect(lines).toContain('    … 5 more (calu fit --json lists them all)');
  });
});

describe('the final screen left on the terminal', () => {
  it('shows the equations, the LaTeX, the candidates and the whole graph', () => {
    const lines = plain(renderToString(<FinalScreen state={replay(lorentz)} width={109} />, { columns: 109 })).split('\n');
    expect(lines[0]).toBe('calu · samples/lorentz-train.csv → pp, pq, qq');
    expect(lines.slice(2, 6)).toEqual([
      'Equations                                                                  max rel. error: train / test',
      '  ✓ pp = p₀² − p₁² − p₂² − p₃²                                             exact      0 / 0',
      '  ✓ pq = p₀·q₀ − p₁·q₁ − p₂·q₂ − p₃·q₃                                     exact      0 / 0',
      '  ✓ qq = q₀² − q₁² − q₂² − q₃²                                             exact      0 / 0',
    ]);
    expect(lines).toContain('    qq = q_{0}^{2}-q_{1}^{2}-q_{2}^{2}-q_{3}^{2}');
    const graph = lines.indexOf('Pruned graph');
    expect(lines.slice(graph + 1)).toEqual([...GRAPH, '', LEGEND]);
  });

  it('draws a deeper stack too (a → m → a)', () => {
    const text = plain(renderToString(<FinalScreen state={replay(recording('cube'))} width={100} />, { columns: 100 }));
    expect(text).toContain('  ✓ y3 = (x₁ + x₂ + x₃)³');
    expect(text).toContain(' 1───1───1───▶ a1 x₁ + x₂ + x₃');
    expect(text).toContain(' 3───▶ (x₁ + x₂ + x₃)³ ──1');
  });
});
