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

/** The frame after the keys, one at a time, as the user would type them. */
async function after(r: ReturnType<typeof app>, ...keys: string[]): Promise<string[]> {
  await tick();
  for (const k of keys) {
    r.stdin.write(k);
    await tick();
  }
  return plain(r.lastFrame()).split('\n');
}

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

describe('the live screen, driven by a recorded Lorentz fit', () => {
  it('training view: stage, step and budget bars with ETA, loss sparklines, restarts, quantizer, best formulas so far', async () => {
    // 81 events in: stage 2 at step 200, qq already exact.
    expect(await after(app(replay(lorentz, 81)))).toEqual([
      HEADER,
      '',
      'samples/lorentz-train.csv: 1000 rows, 8 inputs → pp, pq, qq · backend wasm · seed 1',
      'Stage 2: 8 38:m 3:a · Q {-2, -1, 0, 1, 2} · 32 restarts · for pp, pq, qq',
      '',
      'steps   ████████████████░░░░░░░░░░░░░░░░░░░░░░░░  200/500  ·  6.8 s elapsed  ·  stage ETA 5.0 s',
      'budget  █░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░  6.8 s of 5 min 00 s',
      '',
      'loss    best    ▅▄▄▄▄▄▄▃▃▃▃▃▃▃▂▂▂▂▁▁                      2.22e−1   normalized MSE, log scale',
      '        median  █▆▅▄▅▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄                      1.45e+0',
      '',
      'restarts   32 running · 0 converged · 0 exact · 0 blown up and redrawn',
      'quantizer  █████░░░░░░░░░░░░░░░  25% of weights settled (within 0.05 of a value in Q)',
      '',
      'Best formula so far',
      '  ✗ pp = 0                                                                 max rel. error 1.0e+0',
      '  ✗ pq = 0                                                                 max rel. error 1.0e+0',
      '  ✓ qq = q₀² − q₁² − q₂² − q₃²                                             exact',
    ]);
  });

  it('graph view (key 2): the pruned graph once the fit is done, a note while it trains', async () => {
    expect(await after(app(), '2')).toEqual([HEADER, '', ...GRAPH, 'edge labels: exponents into CALUm units (m), coefficients into CALUa units (a)']);
    const training = await after(app(replay(lorentz, 81)), '2');
    expect(training.slice(2)).toEqual([
      'The pruned graph is read off the final networks: it appears here when the fit ends.',
      'Training now: 8 38:m 3:a, before pruning (32 restarts).',
    ]);
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
      '    pp = {p_{0}}^{2}-{p_{1}}^{2}-{p_{2}}^{2}-{p_{3}}^{2}',
      '    pq = p_{0} q_{0}-p_{1} q_{1}-p_{2} q_{2}-p_{3} q_{3}',
      '    qq = {q_{0}}^{2}-{q_{1}}^{2}-{q_{2}}^{2}-{q_{3}}^{2}',
      '',
      'Candidates  every distinct formula found, ▶ the one chosen',
      '    target  formula                                                     complexity  max rel. error',
      '    pp      0                                                                    1        1.0e+0',
      '  ▶ pp      p₀² − p₁² − p₂² − p₃²                                               15             0 ✓',
      '    pp      0.558805·p₁ − 0.0990713·p₂ − 0.34595·q₁·q₂·q₃ + 0.0181114·q…        21        2.9e+2',
      '    pp      0.0000646842·q₂/(q₁·q₃) − 0.105455·p₃ − 0.0406721·q₁·q₃ − 0…        30        2.8e+2',
      '    pq      0                                                                    1        1.0e+0',
      '  ▶ pq      p₀·q₀ − p₁·q₁ − p₂·q₂ − p₃·q₃                                       15             0 ✓',
      '    qq      0                                                                    1        1.0e+0',
      '  ▶ qq      q₀² − q₁² − q₂² − q₃²                                               15             0 ✓',
      '    qq      0.305708·p₁ − 0.370833·p₂ − 0.742028·q₁·q₂·q₃ − 0.0879431·q…        21        9.4e+2',
      '    qq      0.11342·p₃ − 0.0866053·q₁·q₃ − 0.0000313259·q₂/(q₁·q₃) − 0.…        30        2.8e+3',
      '',
      '7.5 s · seed 1 · solved: every formula is exact',
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
    const r = app(replay(lorentz, 81), { onStop });
    await after(r, 'q', '\x03');
    expect(onStop).toHaveBeenCalledTimes(2);
    // Two Ctrl-C read in one chunk are two requests (the second quits at once).
    await after(r, '\x03\x03');
    expect(onStop).toHaveBeenCalledTimes(4);
    const stopping = await after(app({ ...replay(lorentz, 81), stopping: true }));
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

  it('the result view cuts the candidate table to the screen and says how many rows it left out', async () => {
    const lines = await after(app(replay(lorentz), { height: 24 }), '3');
    expect(lines.length).toBeLessThanOrEqual(23);
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
    expect(lines).toContain('    qq = {q_{0}}^{2}-{q_{1}}^{2}-{q_{2}}^{2}-{q_{3}}^{2}');
    const graph = lines.indexOf('Pruned graph');
    expect(lines.slice(graph + 1, graph + 1 + GRAPH.length)).toEqual(GRAPH);
  });

  it('draws a deeper stack too (a → m → a)', () => {
    const text = plain(renderToString(<FinalScreen state={replay(recording('cube'))} width={100} />, { columns: 100 }));
    expect(text).toContain('  ✓ y3 = (x₁ + x₂ + x₃)³');
    expect(text).toContain(' 1───1───1───▶ a1 x₁ + x₂ + x₃');
    expect(text).toContain(' 2───1───▶ (x₁ + x₂ + x₃)³ ──0.266');
  });
});
