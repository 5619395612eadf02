import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { parse } from 'mathjs';
import { calu } from './helpers/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'calu-cli-'));
function file(name: string, content: string | Buffer): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}
const good = (rows = 20) => 'x1,x2,y\n' + Array.from({ length: rows }, (_, i) => `${i + 1},${i + 2},${(i + 1) * (i + 2)}`).join('\n') + '\n';

/** A bad input gets exactly one line on stderr, nothing on stdout, exit code 1, and no stack trace. */
async function expectOneLineError(args: string[], line: string, stdin?: string) {
  const r = await calu(args, { stdin });
  expect(r.stdout).toBe('');
  expect(r.stderr).toBe(`calu: ${line}\n`);
  expect(r.code).toBe(1);
}

describe('calu fit on bad input', () => {
  it('a missing file', () => expectOneLineError(['fit', join(dir, 'nope.csv'), '--target', 'y'], `${join(dir, 'nope.csv')}: no such file`));

  it('a missing target column', () => expectOneLineError(['fit', file('a.csv', good()), '--target', 'z'], `${join(dir, 'a.csv')}: no target column "z" (columns: x1, x2, y)`));

  it('a missing input column', () =>
    expectOneLineError(['fit', file('b.csv', good()), '--target', 'y', '--inputs', 'x1,x3'], `${join(dir, 'b.csv')}: no input column "x3" (columns: x1, x2, y)`));

  it('a text cell', () => {
    const p = file('c.csv', good().replace('3,4,12', '3,abc,12'));
    return expectOneLineError(['fit', p, '--target', 'y'], `${p} row 4, column "x2": "abc" is not a number`);
  });

  it('an empty cell', () => {
    const p = file('d.csv', good().replace('3,4,12', '3,4,'));
    return expectOneLineError(['fit', p, '--target', 'y'], `${p} row 4, column "y": empty cell`);
  });

  it('NaN and Inf cells', async () => {
    const p = file('e.csv', good().replace('3,4,12', 'NaN,4,12'));
    await expectOneLineError(['fit', p, '--target', 'y'], `${p} row 4, column "x1": "NaN" is not a number`);
    const q = file('f.csv', good().replace('3,4,12', '3,-Infinity,12'));
    await expectOneLineError(['fit', q, '--target', 'y'], `${q} row 4, column "x2": "-Infinity" is not a number`);
  });

  it('a ragged row', () => {
    const p = file('g.csv', good().replace('3,4,12', '3,4'));
    return expectOneLineError(['fit', p, '--target', 'y'], `${p} row 4: has 2 cells, but the header has 3 columns`);
  });

  it('an empty file and a header with no rows', async () => {
    await expectOneLineError(['fit', file('h.csv', ''), '--target', 'y'], `${join(dir, 'h.csv')}: the file is empty`);
    await expectOneLineError(['fit', file('i.csv', 'x1,x2,y\n'), '--target', 'y'], `${join(dir, 'i.csv')}: has a header but no data rows`);
  });

  it('fewer rows than a fit needs', () =>
    expectOneLineError(['fit', file('j.csv', good(4)), '--target', 'y'], `${join(dir, 'j.csv')}: 4 data rows, but a fit with 2 inputs needs at least 10`));

  it('binary junk', () =>
    expectOneLineError(['fit', file('k.csv', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0xff])), '--target', 'y'], `${join(dir, 'k.csv')}: not a text CSV file (binary data at byte 4)`));

  it('bad data on standard input, named as such', () =>
    expectOneLineError(['fit', '-', '--target', 'y'], '<stdin> row 3, column "x1": "x" is not a number', 'x1,x2,y\n1,2,2\nx,3,4\n'));

  it('a test file whose columns differ', () =>
    expectOneLineError(['fit', file('l.csv', good()), '--target', 'y', '--test', file('m.csv', 'x1,y\n1,2\n')], `${join(dir, 'm.csv')}: no input column "x2" (columns: x1, y)`));

  it('a layer spec that does not parse or does not fit the targets', async () => {
    await expectOneLineError(['fit', file('n.csv', good()), '--target', 'y', '--layers', '5:q 1:a'], 'layer "5:q": unknown kind "q" (use CALUm/m, CALUa/a, CALUe/e or CALUl/l)');
    await expectOneLineError(['fit', file('o.csv', good()), '--target', 'y', '--layers', '5:m 2:a'], 'the layer spec ends in 2 units, but there is 1 target');
  });
});

describe('calu fit', () => {
  it('prints exactly one JSON object with --json, and reads standard input', async () => {
    const csv = readFileSync('samples/div-train.csv', 'utf8');
    const r = await calu(['fit', '-', '--target', 'y', '--seed', '3', '--json'], { stdin: csv });
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    expect(json.outputs[0]).toMatchObject({ target: 'y', formula: 'x1 / x2', latex: '\\frac{x_{1}}{x_{2}}', exact: true });
    expect(r.stderr).not.toMatch(/\x1b\[/);
  });

  it('prints the same formulas for the same seed, byte for byte', async () => {
    const args = ['fit', 'samples/identity-train.csv', '--target', 'y1,y2,y3,y4,y5,y6,y7,y8', '--seed', '5', '--quiet'];
    const [a, b] = [await calu(args), await calu(args)];
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout.split('\n')[0]).toBe('y1 = x1');
  });

  it('splits stages across worker threads with --workers 2 (the built worker file) and prints what one thread prints', async () => {
    // Several stages: the first trains whole while the pool's thread starts, the later ones are split.
    const args = ['fit', 'samples/multinomial-train.csv', '--target', 'y0,y1,y2,y3', '--seed', '3'];
    const [one, two] = [await calu([...args, '--workers', '1']), await calu([...args, '--workers', '2'])];
    expect(two.code).toBe(0);
    expect(two.stdout).toBe(one.stdout);
    expect(two.stdout).toMatch(/^y3 = \(x1 \+ x2 \+ x3\)\^3$/m);
    // Part of a stage's restarts trained on a thread of the pool, and the stage's line says so.
    expect(two.stderr).toMatch(/^stage \d+: .*, 48 restarts \(\d+ \+ \d+ on 2 threads\), /m);
    expect(one.stderr).not.toMatch(/ threads\)/);
  }, 120_000);

  it('exits with 3 and marks the best candidate when no exact formula is found in time', async () => {
    const r = await calu(['fit', 'samples/multinomial-train.csv', '--target', 'y3', '--inputs', 'x1,x2,x3', '--layers', '3:m 1:a', '--max-seconds', '1', '--json']);
    expect(r.code).toBe(3);
    const json = JSON.parse(r.stdout);
    expect(json.outputs[0].exact).toBe(false);
    expect(json.stoppedBy).toBe('time');
  });

  it('trains a fixed stack that cannot fit for its rounds of doubling length, then stops: exit 3 and the best candidate marked ≈', async () => {
    const r = await calu(['fit', 'samples/mul-train.csv', '--target', 'y', '--layers', '1:a']);
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/^y ≈ \S.* {2}\(max rel\. error \S+\)\n$/);
    // With several workers the stages start side by side: their lines come in the order the workers report them.
    const stages = [...r.stderr.matchAll(/^(?:worker \d: )?stage (\d+): 2 1:a, .*, (\d+) steps, for y$/gm)].map((m) => [Number(m[1]), Number(m[2])]).sort((a, b) => a[0] - b[0]);
    expect(stages).toEqual([[1, 500], [2, 1000], [3, 2000], [4, 4000], [5, 8000]]);
    expect(r.stderr).toContain('stopped: nothing left to try; best candidate shown');
  });

  it('saves a model that calu predict evaluates to the same values as the formula', async () => {
    const model = join(dir, 'model.json');
    const fitRun = await calu(['fit', 'samples/lorentz-train.csv', '--target', 'pp,pq,qq', '--seed', '3', '--save', model, '--quiet']);
    expect(fitRun.code).toBe(0);
    const pred = await calu(['predict', model, 'samples/lorentz-test.csv', '--json']);
    expect(pred.code).toBe(0);
    const { targets, predictions } = JSON.parse(pred.stdout);
    expect(targets).toEqual(['pp', 'pq', 'qq']);
    const rows = readFileSync('samples/lorentz-test.csv', 'utf8').trim().split('\n').slice(1).map((l) => l.split(',').map(Number));
    const saved = JSON.parse(readFileSync(model, 'utf8'));
    saved.outputs.forEach((o: { formula: string }, k: number) => {
      const code = parse(o.formula).compile();
      rows.forEach((row, i) => {
        const scope = Object.fromEntries(['p0', 'p1', 'p2', 'p3', 'q0', 'q1', 'q2', 'q3'].map((s, j) => [s, row[j]]));
        expect(predictions[i][k]).toBe(code.evaluate(scope));
      });
    });
  });

  it('prints LaTeX with --latex', async () => {
    const r = await calu(['fit', 'samples/mul-train.csv', '--target', 'y', '--latex', '--quiet']);
    expect(r.stdout).toBe('y = x_{1} x_{2}\n');
  });
});
