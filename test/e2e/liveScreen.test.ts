import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Terminal } from './tmux.ts';
import { installed } from '../helpers/requires.ts';

/**
 * The live screen in a real terminal (tmux, 110×45): a real fit, watched
 * through capture-pane. The CI script installs tmux.
 */
const dir = mkdtempSync(join(tmpdir(), 'calu-tmux-'));
const open: Terminal[] = [];
const terminal = (command: string, env?: Record<string, string>) => {
  const t = new Terminal(command, { width: 110, height: 45, env });
  open.push(t);
  return t;
};
afterEach(() => open.splice(0).forEach((t) => t.close()));

const LIVE = /1 Training .* q stop · Tab or 1–3 switch views[\s\S]*steps +[█░]+ +\d+\/\d+[\s\S]*Best formula so far/;
const exited = (s: string) => /\[exit \d+\]/.test(s);

const tmux = installed('tmux', ['-V'], 'apt-get install tmux');

describe.skipIf(!tmux)('calu fit in a terminal', () => {
  it('shows live training, then the equations and the box-drawing graph (the issue\'s must-show)', async () => {
    const report = join(dir, 'r.html');
    const t = terminal(`npm run calu -- fit samples/lorentz-train.csv --target pp,pq,qq --report ${report}`);
    const final = await t.waitFor(exited, 'the fit to end');
    const live = t.screens.findIndex((s) => LIVE.test(s));
    expect(live, `no screen showed the live view; the last was:\n${final}`).toBeGreaterThanOrEqual(0);
    expect(t.screens[live]).toMatch(/loss {4}best {4}[▁▂▃▄▅▆▇█ ]+/);
    expect(final).toContain('[exit 0]');
    expect(final).toContain('✓ pp = p₀² − p₁² − p₂² − p₃²');
    expect(final).toContain('✓ pq = p₀·q₀ − p₁·q₁ − p₂·q₂ − p₃·q₃');
    expect(final).toContain('✓ qq = q₀² − q₁² − q₂² − q₃²');
    expect(final).toContain(' 2───┼───┼───┼───┼───┼───┼───┼───▶ p₀² ────1');
    expect(final).toContain('                             2───▶ q₃² ────┼───┼───−1');
    expect(final).toMatch(/ +▼ {3}▼ {3}▼\n +pp {2}pq {2}qq/);
    expect(final).toContain(`report written to ${report}`);
    // The live screen was erased; only the final screen is left, once.
    expect(final).not.toContain('Best formula so far');
    expect(final.match(/Pruned graph/g)).toHaveLength(1);
    expect(existsSync(report)).toBe(true);
  });

  it('switches views with the number keys, and q stops early with the best formula so far', async () => {
    // A stack too small for the cube of a sum: it trains until stopped.
    const t = terminal('node dist/calu.js fit samples/multinomial-train.csv --target y3 --inputs x1,x2,x3 --layers "3:m 1:a" --max-seconds 120');
    await t.waitFor((s) => /steps +[█░]+ +[1-9]\d*\/\d+/.test(s), 'training to make progress');
    t.keys('3');
    await t.waitFor((s) => s.includes('The result appears here when the fit ends. Best so far:'), 'the result view');
    t.keys('2');
    // The graph view draws the best candidate's pruned graph while the fit runs: an inexact one here.
    const graph = await t.waitFor((s) => /Best candidates so far \(✓ exact\), redrawn as they improve: y3 ✗\n/.test(s), 'the live graph view');
    expect(graph).toMatch(/^y3: \d inputs? → \d units? → 1 output \(m → a\)$/m);
    expect(graph).toMatch(/───▶ /);
    expect(graph).toMatch(/ +▼\n +y3\n/);
    t.keys('1');
    await t.waitFor((s) => s.includes('Best formula so far'), 'the training view');
    const asked = Date.now();
    t.keys('q');
    const final = await t.waitFor(exited, 'the fit to stop');
    // Stopped within seconds, not at the 120 s budget; still verified and printed, marked not exact.
    expect(Date.now() - asked).toBeLessThan(20_000);
    expect(final).toContain('stopped by the user: best formulas so far shown, verified');
    // Not exact, so ≈, as on stdout.
    expect(final).toMatch(/✗ y3 ≈ \S.*NOT exact/);
    expect(final).toContain('[exit 3]');
  });

  it.each([
    ['CI=true', { CI: 'true' }, ''],
    ['--json', {}, ' --json'],
  ])('with %s, a terminal gets plain lines and not one escape code', async (_name, env, flag) => {
    const raw = join(dir, `raw-${flag ? 'json' : 'ci'}.txt`);
    // The command waits for a key, so that the recording starts before it writes anything.
    const t = terminal(`read go; node dist/calu.js fit samples/mul-train.csv --target y${flag}`, env);
    t.record(raw);
    t.keys('Enter');
    const final = await t.waitFor(exited, 'the fit to end');
    expect(final).toContain('[exit 0]');
    expect(final).toMatch(flag ? /"formula":"x1 \* x2"/ : /^y = x1 \* x2$/m);
    const bytes = readFileSync(raw, 'latin1');
    expect(bytes).toContain('x1 * x2');
    expect(bytes.match(/\x1b[^\n]{0,10}/g)).toBeNull();
  });
});
