import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Terminal } from './tmux.ts';
import { installed } from '../helpers/requires.ts';

/**
 * NO_COLOR and FORCE_COLOR on the live screen, in a real terminal (tmux):
 * every byte the program writes is recorded and searched for SGR codes
 * (ESC [ ... m, which set colours and styles). The screen still moves its
 * cursor, which is not colour.
 */
const dir = mkdtempSync(join(tmpdir(), 'calu-colour-'));
const tmux = installed('tmux', ['-V'], 'apt-get install tmux');
const open: Terminal[] = [];
afterEach(() => open.splice(0).forEach((t) => t.close()));

describe.skipIf(!tmux)('the live screen', () => {
  it.each([
    ['no setting', {}, true],
    ['NO_COLOR=1', { NO_COLOR: '1' }, false],
    ['FORCE_COLOR=0', { FORCE_COLOR: '0' }, false],
    ['NO_COLOR=1 and FORCE_COLOR=1 (forcing wins)', { NO_COLOR: '1', FORCE_COLOR: '1' }, true],
  ])('with %s', async (name, env: Record<string, string>, coloured) => {
    const raw = join(dir, `${name.replace(/\W+/g, '-')}.txt`);
    const t = new Terminal('read go; node dist/calu.js fit samples/mul-train.csv --target y', { width: 110, height: 45, env });
    open.push(t);
    t.record(raw);
    t.keys('Enter');
    const final = await t.waitFor((s) => /\[exit \d+\]/.test(s), 'the fit to end');
    expect(final).toContain('[exit 0]');
    expect(final).toContain('y = x₁·x₂');
    const bytes = readFileSync(raw, 'latin1');
    expect(bytes).toMatch(/\x1b\[/);
    expect(/\x1b\[[0-9;]*m/.test(bytes)).toBe(coloured);
  });
});
