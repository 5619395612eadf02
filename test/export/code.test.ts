import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evaluate, parse } from 'mathjs';
import katex from 'katex';
import { exportCode } from '../../src/export/code/exportCode.ts';
import type { Language } from '../../src/export/code/languages.ts';
import { predict, type SavedModel } from '../../src/model.ts';
import { calu } from '../helpers/cli.ts';
import { installed } from '../helpers/requires.ts';
import { model as corpusModel } from '../corpus/modelCases.ts';

/**
 * Every exported function, run in its own language, computes what calu
 * predict computes: to 1e-12 relative, on rows from both signs.
 */
const dir = mkdtempSync(join(tmpdir(), 'calu-export-'));
const python = installed('python3', ['--version'], 'apt-get install python3');
const numpyAndSympy = python && installed('python3', ['-c', 'import numpy, sympy'], 'apt-get install python3-numpy python3-sympy');
const cc = installed('cc', ['--version'], 'apt-get install gcc');
const julia = installed('julia', ['--version'], 'from julialang.org; Debian does not package it', { ciInstalls: false });

/** A hand-made model whose formulas use what the printers must get right (within what a model may hold: the functions calu writes). */
const FORMULAS: Array<[string, string]> = [
  ['y (m/s)', '-x1^2 / (4 * pi) + sqrt(8 * pi / 3) * lambda^-1 - (x1 - lambda) * e'],
  ['int', 'x1 - (lambda - x3) - 3/2 * x1 + 2^(-1) * x3 - x1 * (lambda / x3)'],
  ['math', '(x1 * lambda)^3 / (x3^2 + 1) - -x1 + x1^2^2 / 100'],
  ['y', 'sqrt(x3^2 + 1) * (x1 / 10) - sqrt(sqrt(lambda^2) + 1) + (-x1)^2'],
  ['half', '3/2'],
  ['z', 'x1 * exp(-lambda / (x3^2 + 1)) + 4 * x3 * sin(x1 * lambda / 2)^2 - log(x3^2 + 1) * cos(x1) + asin(1 / (x3^2 + 2)) - acos(1 / (lambda^2 + 2)) + tanh(x1) * atanh(1 / (x3^2 + 2))'],
];
const model = {
  calu: 1,
  inputs: ['x1', 'lambda', 'x3'],
  symbols: ['x1', 'lambda', 'x3'],
  outputs: FORMULAS.map(([target, formula]) => ({ target, formula, expression: JSON.parse(JSON.stringify(parse(formula))), exact: true, metrics: { train: { maxRelError: 0 } } })),
} as unknown as SavedModel;
const rows = Array.from({ length: 40 }, (_, i) => [((i * 7) % 13) / 2 - 3.1, (i % 2 ? 1 : -1) * (0.5 + ((i * 5) % 11) / 4), ((i * 3) % 17) / 3 - 2.9]);

/** Runs the exported functions on the rows in one language; `call` is the source for one function call on row r. */
function run(language: Language, names: string[]): number[][] {
  const code = exportCode(model, language);
  switch (language) {
    case 'python':
    case 'numpy':
    case 'sympy': {
      const file = join(dir, `exported_${language}.py`);
      writeFileSync(file, `${code}\nimport json, sys\nrows = json.load(open(sys.argv[1]))\nprint(json.dumps([[float(f(*r)) for f in (${names.join(', ')},)] for r in rows]))\n`);
      return JSON.parse(ok('python3', [file, rowsFile()]));
    }
    case 'js': {
      const file = join(dir, 'code.mjs');
      writeFileSync(file, `${code}\nconst rows = JSON.parse((await import('node:fs')).readFileSync(process.argv[2], 'utf8'));\nconsole.log(JSON.stringify(rows.map((r) => [${names.join(', ')}].map((f) => f(...r)))));\n`);
      return JSON.parse(ok(process.execPath, [file, rowsFile()]));
    }
    case 'c': {
      const file = join(dir, 'code.c');
      const literal = rows.map((r) => `{${r.map(String).join(', ')}}`).join(',\n  ');
      const calls = names.map((n) => `printf("%s%.17g", "${n === names[0] ? '' : ','}", ${n}(r[0], r[1], r[2]));`).join(' ');
      writeFileSync(file, `${code}\n#include <stdio.h>\nstatic const double rows[][3] = {\n  ${literal}\n};\nint main(void) {\n  printf("[");\n  for (int i = 0; i < ${rows.length}; i++) {\n    const double *r = rows[i];\n    printf("%s[", i ? "," : "");\n    ${calls}\n    printf("]");\n  }\n  printf("]\\n");\n  return 0;\n}\n`);
      ok('cc', ['-std=c99', '-Wall', '-Werror', '-pedantic', '-o', join(dir, 'code'), file, '-lm']);
      return JSON.parse(ok(join(dir, 'code'), []));
    }
    case 'julia': {
      const file = join(dir, 'code.jl');
      const table = rows.map((r) => `[${r.map(String).join(', ')}]`).join(', ');
      writeFileSync(file, `${code}\nrows = [${table}]\nprintln("[", join(["[" * join([repr(Float64(f(r...))) for f in (${names.join(', ')},)], ",") * "]" for r in rows], ","), "]")\n`);
      return JSON.parse(ok('julia', [file]));
    }
    default:
      throw new Error(`no runner for ${language}`);
  }
}

function rowsFile(): string {
  const file = join(dir, 'rows.json');
  writeFileSync(file, JSON.stringify(rows));
  return file;
}

function ok(program: string, args: string[]): string {
  const r = spawnSync(program, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${program} ${args.join(' ')} exited ${r.status}:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/** Largest |a - b| / max(|b|, 1e-300) over every cell. */
function worstRelative(a: number[][], b: number[][]): number {
  expect(a.length).toBe(b.length);
  let worst = 0;
  a.forEach((row, i) => row.forEach((v, k) => (worst = Math.max(worst, Math.abs(v - b[i][k]) / Math.max(Math.abs(b[i][k]), 1e-300)))));
  return worst;
}

const expected = predict(model, rows);

describe('exported functions, run in their language', () => {
  it('are named after the targets, take the inputs as parameters and keep pi exact (the printed code)', () => {
    expect(exportCode(model, 'python')).toContain('def y_m_s(x1, lambda_, x3):\n    return -(x1**2) / (4 * math.pi) + math.sqrt(8 * math.pi / 3) * lambda_**(-1) - (x1 - lambda_) * math.e\n');
    expect(exportCode(model, 'python')).toContain('def math_(x1, lambda_, x3):\n');
    expect(exportCode(model, 'js')).toContain('function y_m_s(x1, lambda, x3) {\n  return -(x1 ** 2) / (4 * Math.PI) + Math.sqrt(8 * Math.PI / 3) * lambda ** (-1) - (x1 - lambda) * Math.E;\n}\n');
    expect(exportCode(model, 'js')).toContain('function int(x1, lambda, x3) {\n  return x1 - (lambda - x3) - 3 / 2 * x1 + 2 ** (-1) * x3 - x1 * (lambda / x3);\n}\n');
    expect(exportCode(model, 'c')).toContain('double int_(double x1, double lambda, double x3) {\n    return x1 - (lambda - x3) - 3.0 / 2.0 * x1 + pow(2.0, -1.0) * x3 - x1 * (lambda / x3);\n}\n');
    expect(exportCode(model, 'sympy')).toContain('def half(x1, lambda_, x3):\n    return sympy.Integer(3) / sympy.Integer(2)\n');
    expect(exportCode(model, 'julia')).toContain('function y_m_s(x1, lambda, x3)\n    return -(x1^2) / (4 * pi) + sqrt(8 * pi / 3) * lambda^(-1) - (x1 - lambda) * Base.MathConstants.e\nend\n');
    expect(exportCode(model, 'mathjs')).toContain('int(x1, lambda, x3) = x1 - (lambda - x3) - 3 / 2 * x1 + 2 ^ (-1) * x3 - x1 * (lambda / x3)\n');
    expect(exportCode(model, 'latex')).toContain('\\mathit{half}(x_{1}, \\lambda, x_{3}) = \\frac{3}{2}\n');
  });

  it.skipIf(!python)('python', () => expect(worstRelative(run('python', ['y_m_s', 'int', 'math_', 'y', 'half', 'z']), expected)).toBeLessThan(1e-12));
  it.skipIf(!numpyAndSympy)('numpy', () => expect(worstRelative(run('numpy', ['y_m_s', 'int', 'math', 'y', 'half', 'z']), expected)).toBeLessThan(1e-12));
  it.skipIf(!numpyAndSympy)('sympy, evaluated at the rows', () => expect(worstRelative(run('sympy', ['y_m_s', 'int', 'math', 'y', 'half', 'z']), expected)).toBeLessThan(1e-12));
  it.skipIf(!numpyAndSympy)('sympy, exact when called with symbols', () => {
    const file = join(dir, 'exported_exact.py');
    writeFileSync(file, `${exportCode(model, 'sympy')}\nx1, lam, x3 = sympy.symbols('x1 lam x3')\nprint(half(x1, lam, x3) == sympy.Rational(3, 2), y_m_s(x1, lam, x3).has(sympy.pi), sympy.simplify(int(x1, lam, x3) - (x1 - lam + x3 - sympy.Rational(3, 2) * x1 + x3 / 2 - x1 * lam / x3)) == 0)\n`);
    expect(ok('python3', [file])).toBe('True True True\n');
  });
  it('mathjs, which defines the functions as it evaluates them', () => {
    const scope = new Map<string, (...args: number[]) => number>();
    evaluate(exportCode(model, 'mathjs'), scope);
    const names = ['y_m_s', 'int', 'math', 'y', 'half', 'z'];
    expect(worstRelative(rows.map((r) => names.map((n) => scope.get(n)!(...r))), expected)).toBeLessThan(1e-12);
  });
  it('latex, which KaTeX renders', () => {
    const lines = exportCode(model, 'latex').trim().split('\n\n');
    expect(lines).toHaveLength(FORMULAS.length);
    for (const line of lines) expect(katex.renderToString(line, { throwOnError: true })).toContain('katex');
  });
  it('js', () => expect(worstRelative(run('js', ['y_m_s', 'int', 'math', 'y', 'half', 'z']), expected)).toBeLessThan(1e-12));
  it.skipIf(!cc)('c (C99, -Wall -Werror -pedantic)', () => expect(worstRelative(run('c', ['y_m_s', 'int_', 'math', 'y', 'half', 'z']), expected)).toBeLessThan(1e-12));
  it.skipIf(!julia)('julia', () => expect(worstRelative(run('julia', ['y_m_s', 'int', 'math', 'y', 'half', 'z']), expected)).toBeLessThan(1e-12));
});

describe('calu export', () => {
  const saved = join(dir, 'lorentz.json');
  const testRows = readFileSync('samples/lorentz-test.csv', 'utf8').trim().split('\n').slice(1).map((l) => l.split(',').slice(0, 8).map(Number));

  it('prints the Lorentz fit as code that reproduces calu predict on the test file, in python, js and c', async () => {
    expect((await calu(['fit', 'samples/lorentz-train.csv', '--target', 'pp,pq,qq', '--seed', '3', '--save', saved, '--quiet'])).code).toBe(0);
    const predicted = JSON.parse((await calu(['predict', saved, 'samples/lorentz-test.csv', '--json'])).stdout).predictions as number[][];
    const programs: Array<[Language, boolean, (code: string) => string]> = [
      ['python', python, (code) => `${code}\nimport json, sys\nrows = json.load(open(sys.argv[1]))\nprint(json.dumps([[f(*r) for f in (pp, pq, qq)] for r in rows]))\n`],
      ['js', true, (code) => `${code}\nconst rows = JSON.parse((await import('node:fs')).readFileSync(process.argv[2], 'utf8'));\nconsole.log(JSON.stringify(rows.map((r) => [pp, pq, qq].map((f) => f(...r)))));\n`],
    ];
    const rowsPath = join(dir, 'lorentz-rows.json');
    writeFileSync(rowsPath, JSON.stringify(testRows));
    for (const [language, available, program] of programs) {
      if (!available) continue;
      const r = await calu(['export', saved, '--to', language]);
      expect(r.code).toBe(0);
      const file = join(dir, language === 'js' ? 'lorentz.mjs' : 'lorentz_exported.py');
      writeFileSync(file, program(r.stdout));
      const out = JSON.parse(ok(language === 'js' ? process.execPath : 'python3', [file, rowsPath]));
      expect(worstRelative(out, predicted), language).toBeLessThan(1e-12);
    }
    if (cc) {
      const r = await calu(['export', saved, '--to', 'c']);
      const literal = testRows.map((row) => `{${row.map(String).join(', ')}}`).join(',\n');
      writeFileSync(join(dir, 'lorentz.c'), `${r.stdout}\n#include <stdio.h>\nstatic const double rows[][8] = {\n${literal}\n};\nint main(void) {\n  printf("[");\n  for (int i = 0; i < ${testRows.length}; i++) {\n    const double *r = rows[i];\n    printf("%s[%.17g,%.17g,%.17g]", i ? "," : "", pp(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7]), pq(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7]), qq(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7]));\n  }\n  printf("]\\n");\n  return 0;\n}\n`);
      ok('cc', ['-std=c99', '-Wall', '-Werror', '-o', join(dir, 'lorentz'), join(dir, 'lorentz.c'), '-lm']);
      expect(worstRelative(JSON.parse(ok(join(dir, 'lorentz'), [])), predicted), 'c').toBeLessThan(1e-12);
    }
  });

  it('reads a model file as predict does: a crafted tree is refused in one line; a hand-written one without errors exports, its target escaped in the comment', async () => {
    const hostile = join(dir, 'hostile.json');
    writeFileSync(hostile, JSON.stringify(corpusModel('x1 + evaluate("1 + 1")')));
    expect(await calu(['export', hostile, '--to', 'python'])).toEqual({ code: 1, stdout: '', stderr: `calu: ${hostile}: outputs[0].expression.args[1]: function "evaluate" is not one calu writes (only sqrt, exp, log, sin, cos, asin, acos, tanh, atanh)\n` });
    const minimal = join(dir, 'minimal.json');
    const { exact: _, ...output } = corpusModel('x1 * x2').outputs[0];
    writeFileSync(minimal, JSON.stringify({ ...corpusModel('x1 * x2'), outputs: [{ ...output, target: 'y\nimport os' }] }));
    expect(await calu(['export', minimal, '--to', 'python'])).toEqual({
      code: 0,
      stderr: '',
      stdout: 'import math\n\n# y\\nimport os is not exact: largest relative error undefined on the training rows\ndef y_import_os(x1, x2):\n    return x1 * x2\n',
    });
  });

  it('fit --export prints the same code as export --to, and a bad language is a one-line usage error', async () => {
    const fitted = await calu(['fit', 'samples/lorentz-train.csv', '--target', 'pp,pq,qq', '--seed', '3', '--quiet', '--export', 'julia']);
    expect(fitted.code).toBe(0);
    expect(fitted.stdout).toBe((await calu(['export', saved, '--to', 'julia'])).stdout);
    expect(fitted.stdout).toContain('function pp(p0, p1, p2, p3, q0, q1, q2, q3)\n    return p0^2 - p1^2 - p2^2 - p3^2\nend\n');
    const bad = await calu(['export', saved, '--to', 'fortran']);
    expect(bad).toEqual({ code: 1, stdout: '', stderr: `calu: option '--to <language>' argument 'fortran' is invalid. Allowed choices are python, sympy, numpy, js, c, julia, latex, mathjs.\nTry 'calu export --help' for more information.\n` });
  });
});
