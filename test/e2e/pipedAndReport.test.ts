import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from '../helpers/cli.ts';
import { CHROMIUM, openPage } from './chromium.ts';
import { installed } from '../helpers/requires.ts';

/**
 * The must-show command piped through cat: plain lines, no escape
 * codes; then its report, opened in a real headless Chromium (the CI script
 * installs Debian's chromium).
 */
const dir = process.env.CALU_E2E_DIR ?? mkdtempSync(join(tmpdir(), 'calu-piped-'));
const report = join(dir, 'r.html');
const chromium = installed(CHROMIUM, ['--version'], 'apt-get install chromium');

function sh(command: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', command], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('calu fit piped, and its report', () => {
  it('prints the formulas and plain progress lines, and not one escape code', async () => {
    const r = await sh(`npm run calu -- fit samples/lorentz-train.csv --target pp,pq,qq --report ${report} | cat`);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('pp = p0^2 - p1^2 - p2^2 - p3^2\npq = p0 * q0 - p1 * q1 - p2 * q2 - p3 * q3\nqq = q0^2 - q1^2 - q2^2 - q3^2\n');
    expect(r.stderr).toMatch(/^(?:worker \d: )?stage 1: /m);
    expect(r.stderr).toMatch(/^ {2}(?:stage \d+: )?step \d+\/\d+ {2}loss /m);
    expect(r.stderr).toContain(`report written to ${report}\n`);
    expect((r.stdout + r.stderr).match(/\x1b.{0,10}/g)).toBeNull();
  });

  it.skipIf(!chromium)('opens in headless Chromium with the formulas rendered by KaTeX and nothing logged as an error', async () => {
    const page = await openPage(
      pathToFileURL(report).href,
      `({
        formulas: [...document.querySelectorAll('#formulas .katex-display .katex-html')].map((e) => ({ text: e.textContent, width: e.getBoundingClientRect().width })),
        fonts: [...document.fonts].filter((f) => f.status === 'loaded').map((f) => f.family),
        graph: document.querySelector('#graph svg')?.getBoundingClientRect().width ?? 0,
        charts: document.querySelectorAll('svg.chart').length,
        candidates: document.querySelectorAll('table.candidates tbody tr').length,
      })`,
    );
    const shot = join(dir, 'report.png');
    writeFileSync(shot, page.screenshot);
    expect(page.problems, `the page logged: ${page.log.join('\n')}`).toEqual([]);
    const v = page.value as { formulas: Array<{ text: string; width: number }>; fonts: string[]; graph: number; charts: number; candidates: number };
    // KaTeX's HTML reads as the formula's glyphs (zero-width spaces apart); each is laid out with some width.
    expect(v.formulas.map((f) => f.text.replace(/\u200b/g, ''))).toEqual(['pp=p02−p12−p22−p32', 'pq=p0q0−p1q1−p2q2−p3q3', 'qq=q02−q12−q22−q32']);
    for (const f of v.formulas) expect(f.width).toBeGreaterThan(150);
    // The inlined KaTeX fonts loaded (nothing to fetch: the page opens offline).
    expect(v.fonts).toEqual(expect.arrayContaining(['KaTeX_Main', 'KaTeX_Math']));
    expect(v.graph).toBeGreaterThan(400);
    // Per target: training rows and the extrapolation line (no --test, so no test rows); then the training curve.
    expect(v.charts).toBe(3 * 2 + 1);
    expect(v.candidates).toBeGreaterThanOrEqual(3);
    // A full-page screenshot: PNG, the page's full height.
    expect(page.screenshot.subarray(1, 4).toString()).toBe('PNG');
    expect(page.screenshot.readUInt32BE(20)).toBeGreaterThan(2000);
  });
});
