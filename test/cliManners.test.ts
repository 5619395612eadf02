import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { calu, ROOT, type Run } from './helpers/cli.ts';
import { Random } from '../src/util/random.ts';

/** The CLI as a Unix tool: usage errors, closed pipes, delimiters, missing cells, and what stdout says. */
const dir = mkdtempSync(join(tmpdir(), 'calu-manners-'));
const CALU = `${ROOT}dist/calu.js`;
const file = (name: string, content: string) => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};
const mul = readFileSync(join(ROOT, 'samples/mul-train.csv'), 'utf8');

/** A shell pipeline under bash with pipefail, so the exit code is calu's when head exits 0. */
function pipeline(command: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-o', 'pipefail', '-c', command], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('a usage error', () => {
  it('is one line naming the problem, then a hint to run --help, and exit 1', async () => {
    expect(await calu(['fit', 'data.csv'])).toEqual({ code: 1, stdout: '', stderr: "calu: required option '-t, --target <columns>' not specified\nTry 'calu fit --help' for more information.\n" });
    expect(await calu(['fitt'])).toEqual({ code: 1, stdout: '', stderr: "calu: unknown command 'fitt' (Did you mean fit?)\nTry 'calu --help' for more information.\n" });
    expect(await calu(['predict', 'model.json', 'data.csv', '--delimiter', '|'])).toEqual({
      code: 1,
      stdout: '',
      stderr: "calu: option '--delimiter <d>' argument '|' is invalid. expected ',', ';' or tab.\nTry 'calu predict --help' for more information.\n",
    });
  });

  it('escapes the control characters of what was typed, as every other message does', async () => {
    expect(await calu(['fit', 'data.csv', '--target', 'y', '--x\x1b]0;t\x07'])).toEqual({
      code: 1,
      stdout: '',
      stderr: "calu: unknown option '--x\\x1b]0;t\\x07'\nTry 'calu fit --help' for more information.\n",
    });
  });
});

describe('a closed stdout', () => {
  it('ends calu fit quietly with exit 0 (| head -0, | head -1), with nothing on stderr but progress', async () => {
    const quiet = await pipeline(`node ${CALU} fit samples/add-train.csv --target y --quiet | head -0`);
    expect(quiet).toEqual({ code: 0, stdout: '', stderr: '' });
    const r = await pipeline(`node ${CALU} fit samples/add-train.csv --target y | head -0`);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/\n\d+\.\d s, seed 1, solved\n$/);
    expect(r.stderr).not.toMatch(/EPIPE|Error|\n\s+at /);
    expect(r.stderr.length).toBeLessThan(2000);
    expect(await pipeline(`node ${CALU} fit samples/lorentz-train.csv --target pp,pq,qq --seed 3 --quiet | head -1`)).toEqual({ code: 0, stdout: 'pp = p0^2 - p1^2 - p2^2 - p3^2\n', stderr: '' });
  });

  it('ends calu predict quietly with exit 0 (| head -1, | head -0) when it has more to write than the pipe holds', async () => {
    const model = join(dir, 'mul.json');
    expect((await calu(['fit', 'samples/mul-train.csv', '--target', 'y', '--quiet', '--save', model])).code).toBe(0);
    const big = file('big.csv', 'x1,x2\n' + Array.from({ length: 20000 }, (_, i) => `${i / 7},${i / 3}`).join('\n') + '\n');
    expect(await pipeline(`node ${CALU} predict ${model} ${big} | head -1`)).toEqual({ code: 0, stdout: 'x1,x2,y\n', stderr: '' });
    expect(await pipeline(`node ${CALU} predict ${model} ${big} | head -0`)).toEqual({ code: 0, stdout: '', stderr: '' });
  });
});

describe('delimiters', () => {
  it('detects a tab-separated copy of a sample from its header and fits the same formula', async () => {
    const tsv = file('mul.tsv', mul.replace(/,/g, '\t'));
    expect(await calu(['fit', tsv, '--target', 'y', '--quiet'])).toEqual({ code: 0, stdout: 'y = x1 * x2\n', stderr: '' });
  });

  it('reads the delimiter given with --delimiter (tab or ;), and predict writes its output with it', async () => {
    const semi = file('mul.txt', mul.replace(/,/g, ';'));
    expect((await calu(['fit', semi, '--target', 'y', '--quiet', '--delimiter', ';'])).stdout).toBe('y = x1 * x2\n');
    const model = join(dir, 'mul-semi.json');
    await calu(['fit', semi, '--target', 'y', '--quiet', '--save', model]);
    const tsv = file('rows.tsv', 'x1\tx2\n3\t4\n-1.5\t2\n');
    expect(await calu(['predict', model, tsv, '--delimiter', 'tab'])).toEqual({ code: 0, stdout: 'x1\tx2\ty\n3\t4\t12\n-1.5\t2\t-3\n', stderr: '' });
  });

  it('with a wrong --delimiter, names the columns it saw', async () => {
    const tsv = file('wrong.tsv', mul.replace(/,/g, '\t'));
    // The header read as one name holds tabs: echoed escaped, as every control character.
    expect((await calu(['fit', tsv, '--target', 'y', '--delimiter', ','])).stderr).toBe(`calu: ${tsv}: no target column "y" (columns: x1\\tx2\\ty)\n`);
  });

  it('detects the delimiter of standard input too, which is read only once', async () => {
    expect(await calu(['fit', '-', '--target', 'y', '--quiet'], { stdin: mul.replace(/,/g, ';') })).toEqual({ code: 0, stdout: 'y = x1 * x2\n', stderr: '' });
  });
});

describe('--drop-missing', () => {
  const [head, ...rows] = mul.trim().split('\n');
  const holes = file('holes.csv', [head, ...rows.map((r, i) => (i === 3 ? r.replace(/^[^,]*/, '') : i === 7 ? r.replace(/[^,]*$/, 'NaN') : r))].join('\n') + '\n');

  it('is off by default: an empty cell is still an error', async () => {
    expect(await calu(['fit', holes, '--target', 'y'])).toEqual({ code: 1, stdout: '', stderr: `calu: ${holes} row 5, column "x1": empty cell\n` });
  });

  it('leaves out the rows with an empty or NaN cell, and says how many', async () => {
    const r = await calu(['fit', holes, '--target', 'y', '--drop-missing']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('y = x1 * x2\n');
    expect(r.stderr).toContain(`${holes}: left out 2 rows with an empty or NaN cell\n`);
    expect(r.stderr).toContain('calu: 998 rows, 2 inputs -> y;');
  });
});

describe('stdout', () => {
  const [head, ...rows] = mul.trim().split('\n');
  /** The mul sample with Gaussian noise of `level` times the RMS of y added to y (a fixed stream). */
  const withNoise = (level: number) => {
    const y = rows.map((r) => Number(r.split(',').at(-1)));
    const rms = Math.sqrt(y.reduce((s, v) => s + v * v, 0) / y.length);
    const rng = new Random(3);
    return [head, ...rows.map((r, i) => r.replace(/[^,]*$/, String(y[i] + level * rms * rng.normal())))].join('\n') + '\n';
  };

  it('marks a formula that fits within noise with ≈ and the noise, and the exit code is 0', async () => {
    // x1 * x2 with 1% noise: no formula is exact, x1 * x2 fits within the noise (its coefficient 1 within its interval).
    const noisy = file('noisy.csv', withNoise(0.01));
    const r = await calu(['fit', noisy, '--target', 'y', '--quiet']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^y ≈ x1 \* x2 {2}\(within noise σ=0\.01\d{2} \(1\.\de-2 of rms\)\)\n$/);
    const json = JSON.parse((await calu(['fit', noisy, '--target', 'y', '--json'])).stdout);
    expect(json.outputs[0]).toMatchObject({ formula: 'x1 * x2', exact: false, fit: 'within-noise', constants: [{ exact: '1' }] });
    expect(json.stoppedBy).toBe('noise');
    expect(json.outputs[0].noise.relative).toBeGreaterThan(0.008);
    expect(json.outputs[0].noise.relative).toBeLessThan(0.012);
    expect(json.candidates.every((c: { heldOut: number }) => typeof c.heldOut === 'number')).toBe(true);
  });

  it('marks a formula that is neither exact nor within noise with ≈ and its error, and the exit code is 3', async () => {
    // exp(x1) x2 with 0.1% noise and one small stack: the best sum of 3 monomials misses by more than the noise.
    const y = rows.map((r) => r.split(',').map(Number));
    const exp = file('exp.csv', [head, ...y.map(([a, b]) => `${a},${b},${Math.exp(a) * b * (1 + 1e-3 * Math.sin(7 * a))}`)].join('\n') + '\n');
    const r = await calu(['fit', exp, '--target', 'y', '--layers', '3:m 1:a', '--steps', '200', '--max-seconds', '3', '--quiet']);
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/^y ≈ \S.*x1.* {2}\(max rel\. error \d\.\de[-+]\d+\)\n$/);
    const latex = await calu(['fit', exp, '--target', 'y', '--layers', '3:m 1:a', '--steps', '200', '--max-seconds', '3', '--quiet', '--latex']);
    expect(latex.stdout).toMatch(/^y \\approx \S.*x_\{1\}.* {2}% max rel\. error \d\.\de[-+]\d+\n$/);
  });
});
