import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './helpers/cli.ts';

/**
 * The package as a user gets it: `npm pack`, then the tarball installed into
 * an empty project (its dependencies from npm's cache or the registry), and
 * imported from plain Node and from a strict TypeScript project.
 */
const work = mkdtempSync(join(tmpdir(), 'calu-pack-'));
const project = join(work, 'project');
let tarball = '';
let files: string[] = [];

function run(command: string, args: string[], cwd: string): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, NO_UPDATE_NOTIFIER: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function ok(command: string, args: string[], cwd: string): string {
  const r = run(command, args, cwd);
  if (r.code !== 0) throw new Error(`${command} ${args.join(' ')} exited ${r.code}:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

beforeAll(() => {
  // dist/ was built by the test setup; --ignore-scripts keeps `prepare` from rebuilding it under the other tests.
  const [info] = JSON.parse(ok('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], ROOT)) as Array<{ filename: string; files: Array<{ path: string }> }>;
  tarball = join(work, info.filename);
  files = info.files.map((f) => f.path);
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  const typesNode = JSON.parse(readFileSync(join(ROOT, 'node_modules/@types/node/package.json'), 'utf8')).version;
  // The optional tfjs-node is left out: its install script downloads binaries, and calu runs without it.
  ok('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts', '--omit=optional', tarball, `@types/node@${typesNode}`], project);
}, 300_000);

describe('the npm package', () => {
  it('ships the built files and the README, not the sources, tests or samples', () => {
    expect(files.filter((f) => !/^dist\/[\w-]+\.(js|d\.ts)$/.test(f)).sort()).toEqual(['README.md', 'package.json']);
    expect(files).toEqual(expect.arrayContaining(['dist/index.js', 'dist/index.d.ts', 'dist/calu.js', 'dist/fitWorker.js', 'dist/stageWorker.js']));
  });

  it('passes publint and arethetypeswrong (as an ES module package)', () => {
    const lint = run(join(ROOT, 'node_modules/.bin/publint'), ['run', tarball, '--strict'], ROOT);
    expect(lint.code, lint.stdout + lint.stderr).toBe(0);
    const attw = run(join(ROOT, 'node_modules/.bin/attw'), [tarball, '--profile', 'esm-only', '--format', 'ascii'], ROOT);
    expect(attw.code, attw.stdout + attw.stderr).toBe(0);
  });

  it('imports and fits from plain Node ESM', () => {
    const script = `
      import { fit, fromArrays, predict } from 'calu';
      const x1 = Array.from({ length: 64 }, (_, i) => ((i * 37) % 64) / 16 - 2);
      const x2 = Array.from({ length: 64 }, (_, i) => ((i * 11) % 64) / 16 - 1.97);
      const result = await fit(fromArrays({ x1, x2, y: x1.map((v, i) => v * x2[i]) }, { targets: ['y'] }), { seed: 1 });
      console.log(result.outputs[0].formula, result.outputs[0].exact, predict(result, [[3, 4]])[0][0], result.backend);`;
    const r = run(process.execPath, ['--input-type=module', '-e', script], project);
    expect(r.stderr).toBe('');
    // The WebAssembly backend loaded from the installed package (without it tfjs falls back to its slow JavaScript one).
    expect(r.stdout).toBe('x1 * x2 true 12 wasm\n');
    expect(r.code).toBe(0);
  });

  it('runs its bin', () => {
    const csv = join(work, 'mul.csv');
    writeFileSync(csv, readFileSync(join(ROOT, 'samples/mul-train.csv')));
    const r = run(join(project, 'node_modules/.bin/calu'), ['fit', csv, '--target', 'y', '--quiet'], project);
    expect(r).toEqual({ code: 0, stdout: 'y = x1 * x2\n', stderr: '' });
  });

  it('type-checks in a strict TypeScript project (NodeNext, strict, exactOptionalPropertyTypes, library files checked too)', () => {
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, exactOptionalPropertyTypes: true, skipLibCheck: false, noEmit: true, types: ['node'] },
        include: ['index.ts'],
      }),
    );
    writeFileSync(
      join(project, 'index.ts'),
      `import { fit, fromArrays, loadModel, predict, CaluError, type FitOptions, type FitResult, type SavedModel } from 'calu';
const data = fromArrays({ x: [1, 2, 3], y: [2, 4, 6] }, { targets: ['y'] });
const options: FitOptions = { seed: 1, maxSeconds: 10, signal: AbortSignal.timeout(5000) };
const result: FitResult = await fit(data, options);
const model: SavedModel = loadModel('model.json');
const scores: Array<number | null> = model.candidates.map((c) => c.score);
const y: number[][] = predict(model, [[1]]);
// @ts-expect-error: the seed is a number, so calu's types are checked, not any.
await fit(data, { seed: 'one' });
console.log(result.outputs[0]?.formula, scores, y, new CaluError('x').message);
`,
    );
    const r = run(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', project], project);
    expect(r.stdout + r.stderr).toBe('');
    expect(r.code).toBe(0);
  });
});
