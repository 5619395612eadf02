import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { calu, ROOT, type Run } from '../helpers/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'calu-edges-'));
function file(name: string, content: string): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

/** stderr is exactly one line "calu: <line>", with no raw control character, stdout is empty and the exit code 1. */
function expectOneLine(r: Run, line: string | RegExp) {
  expect(r.stdout).toBe('');
  expect(r.stderr.endsWith('\n')).toBe(true);
  const text = r.stderr.slice(0, -1);
  expect(text).not.toMatch(/[\x00-\x1f\x7f]/);
  if (typeof line === 'string') expect(text).toBe(`calu: ${line}`);
  else expect(text).toMatch(line);
  expect(r.code).toBe(1);
}

describe('SIGTERM', () => {
  it('sent about 5 s into a fit of the multinomial sample, prints the formulas so far and writes --save and --report', async () => {
    const model = join(dir, 'sigterm.json');
    const report = join(dir, 'sigterm.html');
    const child = spawn(process.execPath, [`${ROOT}dist/calu.js`, 'fit', 'samples/multinomial-train.csv', '--target', 'y0,y1,y2,y3', '--seed', '1', '--save', model, '--report', report], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let signalled = false;
    let timer: NodeJS.Timeout | undefined;
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => {
      stderr += d;
      // Five seconds into training, not into start-up: loading TensorFlow.js takes a while on a busy machine.
      if (!timer && stderr.includes('stage 1:')) timer = setTimeout(() => (signalled = child.kill('SIGTERM')), 5000);
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    clearTimeout(timer);
    const lines = stdout.trim().split('\n');
    // An exact formula prints as "y = f", one that is not as "y ≈ f  (max rel. error ...)".
    const printed = lines.map((l) => /^(\S+) (=|≈) (.*?)(?: {2}\(max rel\. error [^)]*\))?$/.exec(l)!);
    expect(printed.map((m) => m[1])).toEqual(['y0', 'y1', 'y2', 'y3']);
    // Every formula announced as exact before the signal is printed.
    for (const m of stderr.matchAll(/^ {2}exact: (.*)$/gm)) expect(lines).toContain(m[1]);
    expect(lines[0]).toBe('y0 = 1');
    const saved = JSON.parse(readFileSync(model, 'utf8'));
    expect(saved.outputs.map((o: { formula: string }) => `${o.formula}`)).toEqual(printed.map((m) => m[3]));
    expect(saved.outputs.map((o: { exact: boolean }) => (o.exact ? '=' : '≈'))).toEqual(printed.map((m) => m[2]));
    expect(readFileSync(report, 'utf8')).toContain('<!doctype html>');
    const allExact = saved.outputs.every((o: { exact: boolean }) => o.exact);
    if (signalled) expect(stderr).toContain('stopping (SIGTERM)');
    if (signalled && !allExact) expect(saved.stoppedBy).toBe('stopped');
    // 143 (128 + SIGTERM) when the signal cut the search short, 0 when every formula was exact anyway.
    expect(code).toBe(allExact ? 0 : 143);
  });
});

describe('a second signal', () => {
  it('quits at once, with the shell code of the second one, before any formula is printed', async () => {
    // A stack too small for the cube of a sum: the fit would train until its budget.
    const child = spawn(process.execPath, [`${ROOT}dist/calu.js`, 'fit', 'samples/multinomial-train.csv', '--target', 'y3', '--inputs', 'x1,x2,x3', '--layers', '3:m 1:a', '--max-seconds', '120'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timer: NodeJS.Timeout | undefined;
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => {
      stderr += d;
      // Two different signals, so that neither is merged into the other while the process is busy.
      if (!timer && stderr.includes('stage 1:')) timer = setTimeout(() => child.kill('SIGTERM') && child.kill('SIGINT'), 1000);
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    // Node may handle them in either order: the first stops the fit, the second ends the process.
    const [first, second] = stderr.includes('\nstopping (SIGTERM): finishing with the best formulas so far') ? ['SIGTERM', 'SIGINT'] : ['SIGINT', 'SIGTERM'];
    if (first === 'SIGINT') expect(stderr).toContain('\nstopping: finishing with the best formula so far (Ctrl-C again to quit at once)\n');
    expect(stderr.endsWith(`calu: interrupted (${second})\n`)).toBe(true);
    expect(stdout).toBe('');
    expect(code).toBe(second === 'SIGTERM' ? 143 : 130);
  });
});

describe('output paths are checked before training', () => {
  it('a missing --save directory fails at once, before the data is even read', async () => {
    const t0 = performance.now();
    const r = await calu(['fit', join(dir, 'no-such-data.csv'), '--target', 'y', '--save', join(dir, 'missing', 'model.json')]);
    const seconds = (performance.now() - t0) / 1000;
    expectOneLine(r, `${join(dir, 'missing', 'model.json')}: cannot write the model (no directory ${join(dir, 'missing')})`);
    // Start-up only: the fit (TensorFlow.js) never loads. Well under the seconds a fit takes, even on a busy machine.
    expect(seconds).toBeLessThan(15);
  });

  it('a --report path that is a directory, or under a file', async () => {
    expectOneLine(await calu(['fit', 'samples/mul-train.csv', '--target', 'y', '--report', dir]), `${dir}: cannot write the report (it is a directory)`);
    const data = join(ROOT, 'samples/mul-train.csv');
    expectOneLine(await calu(['fit', 'samples/mul-train.csv', '--target', 'y', '--report', `${data}/r.html`]), `${data}/r.html: cannot write the report (${data} is not a directory)`);
  });
});

describe('names and bytes', () => {
  it('columns named end, to and in fit, save and predict', async () => {
    const csv = file('end.csv', readFileSync(join(ROOT, 'samples/mul-train.csv'), 'utf8').replace(/^x1,x2,y/, 'end,in,to'));
    const model = join(dir, 'end.json');
    const fitted = await calu(['fit', csv, '--target', 'to', '--seed', '1', '--quiet', '--save', model]);
    expect(fitted.stdout).toBe('to = end_ * in\n');
    expect(fitted.code).toBe(0);
    const pred = await calu(['predict', model, file('end-in.csv', 'end,in\n3,4\n-2,0.5\n')]);
    expect(pred.stdout).toBe('end,in,to\n3,4,12\n-2,0.5,-1\n');
  });

  it('control characters in a header or a cell are escaped, in errors and in echoed data', async () => {
    const csv = file('esc.csv', 'x1,x\x1b[2J,y\n1,\x1b]0;pwned\x07,3\n');
    expectOneLine(await calu(['fit', csv, '--target', 'y']), `${csv} row 2, column "x\\x1b[2J": "\\x1b]0;pwned\\x07" is not a number`);
    const model = file('mul.json', JSON.stringify({ calu: 1, inputs: ['x1', 'x2'], symbols: ['x1', 'x2'], outputs: [{ target: 'y', formula: 'x1 * x2', expression: { mathjs: 'OperatorNode', op: '*', fn: 'multiply', args: [{ mathjs: 'SymbolNode', name: 'x1' }, { mathjs: 'SymbolNode', name: 'x2' }], implicit: false, isPercentage: false }, exact: true }] }));
    const pred = await calu(['predict', model, file('echo.csv', 'note,x1,x2\n"a\x1b[2Jb",2,3\n"two\nlines",1,1\n')]);
    expect(pred.code).toBe(0);
    expect(pred.stdout).toBe('note,x1,x2,y\na\\x1b[2Jb,2,3,6\n"two\nlines",1,1,1\n');
  });

  it('a crafted model gets one line naming the file and the node', async () => {
    const model = file('oom.json', JSON.stringify({ calu: 1, inputs: ['x1'], symbols: ['x1'], outputs: [{ target: 'y', formula: 'size(zeros(100000, 100000))', expression: { mathjs: 'FunctionNode', fn: { mathjs: 'SymbolNode', name: 'size' }, args: [] }, exact: true }] }));
    expectOneLine(await calu(['predict', model, 'samples/mul-test.csv']), `${model}: outputs[0].expression: function "size" is not one calu writes (only sqrt, exp, log, sin, cos, asin, acos, tanh, atanh)`);
  });
});

describe('distinct rows', () => {
  it('one row repeated 20,000 times is not reported as an exact formula', async () => {
    const csv = file('same.csv', 'x1,x2,y\n' + '1.5,2.5,3.75\n'.repeat(20_000));
    expectOneLine(await calu(['fit', csv, '--target', 'y']), `${csv}: 20000 data rows, but only 1 distinct; a fit with 2 inputs needs at least 10 distinct rows`);
    const two = file('two.csv', 'x1,x2,y\n' + '1.5,2.5,3.75\n2,3,6\n'.repeat(5_000));
    expectOneLine(await calu(['fit', two, '--target', 'y']), `${two}: 10000 data rows, but only 2 distinct; a fit with 2 inputs needs at least 10 distinct rows`);
  });
});
