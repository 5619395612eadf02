import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './helpers/cli.ts';

/**
 * Fast start: the built CLI loads mathjs, TensorFlow.js, Ink and KaTeX only
 * for a command that needs them. Every package a run loads is traced, by
 * ES module resolution (a loader hook) and by require (the module cache).
 */
const dir = mkdtempSync(join(tmpdir(), 'calu-startup-'));
writeFileSync(
  join(dir, 'hooks.mjs'),
  `import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  appendFileSync(process.env.CALU_TRACE, r.url + '\\n');
  return r;
}
`,
);
writeFileSync(
  join(dir, 'trace.mjs'),
  `import { register, createRequire } from 'node:module';
import { appendFileSync } from 'node:fs';
register('./hooks.mjs', import.meta.url);
const require = createRequire(import.meta.url);
process.on('exit', () => appendFileSync(process.env.CALU_TRACE, Object.keys(require.cache).join('\\n') + '\\n'));
`,
);

// bullmq and ioredis load only for --queue and calu worker: a fit without them never touches Redis.
const HEAVY = ['mathjs', '@tensorflow/tfjs-core', '@tensorflow/tfjs-backend-wasm', '@tensorflow/tfjs-layers', 'ink', 'react', 'katex', 'bullmq', 'ioredis'];

/** The heavy packages a run of the built CLI loads. */
function loaded(args: string[]): string[] {
  const trace = join(dir, `trace-${Math.random().toString(36).slice(2)}.txt`);
  writeFileSync(trace, '');
  spawnSync(process.execPath, ['--import', join(dir, 'trace.mjs'), 'dist/calu.js', ...args], { cwd: ROOT, env: { ...process.env, CALU_TRACE: trace }, stdio: 'ignore' });
  const files = readFileSync(trace, 'utf8');
  return HEAVY.filter((p) => files.includes(`/node_modules/${p}/`));
}

describe('what a command loads', () => {
  it('--help and a usage error load none of mathjs, TensorFlow.js, Ink, React or KaTeX', () => {
    expect(loaded(['--help'])).toEqual([]);
    expect(loaded(['fit', 'data.csv'])).toEqual([]);
  });

  it('a piped fit loads mathjs and the core of TensorFlow.js with its wasm backend, but not its layers, nor Ink, React or KaTeX', () => {
    expect(loaded(['fit', 'samples/mul-train.csv', '--target', 'y', '--quiet'])).toEqual(['mathjs', '@tensorflow/tfjs-core', '@tensorflow/tfjs-backend-wasm']);
  });

  it('a report loads KaTeX', () => {
    expect(loaded(['fit', 'samples/mul-train.csv', '--target', 'y', '--quiet', '--report', join(dir, 'r.html')])).toContain('katex');
  });
});
