// Builds the package into dist/: the library, the CLI and its training
// worker as ES modules (esbuild), and one declaration file for the library's
// public types (tsc, then rolled up by rollup-plugin-dts).
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire, isBuiltin } from 'node:module';
import { resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { rollup } from 'rollup';
import { dts } from 'rollup-plugin-dts';

process.chdir(fileURLToPath(new URL('..', import.meta.url)));
rmSync('dist', { recursive: true, force: true });

/**
 * TensorFlow.js ships CommonJS. Imported from an ES module, Node first scans
 * each of its large files for export names (a few hundred ms of every fit);
 * required, it just runs them. This plugin turns calu's imports of it into
 * require() calls, which the banner below provides. And calu uses only the
 * core ops and the backends of `@tensorflow/tfjs`, not its layers, data and
 * model converter: the core and the plain JavaScript backend are what the
 * package requires in its place.
 */
const REQUIRED = {
  '@tensorflow/tfjs': "module.exports = require('@tensorflow/tfjs-core');\nrequire('@tensorflow/tfjs-backend-cpu');",
  '@tensorflow/tfjs-backend-wasm': "module.exports = require('@tensorflow/tfjs-backend-wasm');",
};
const requireCommonJs = {
  name: 'require-commonjs',
  setup(b) {
    const filter = /^@tensorflow\/tfjs(-backend-wasm)?$/;
    b.onResolve({ filter, namespace: 'file' }, (args) => ({ path: args.path, namespace: 'require-commonjs' }));
    // What those modules require stays a require() of the installed package.
    b.onResolve({ filter: /.*/, namespace: 'require-commonjs' }, (args) => ({ path: args.path, external: true }));
    b.onLoad({ filter: /.*/, namespace: 'require-commonjs' }, (args) => ({ contents: REQUIRED[args.path], loader: 'js' }));
  },
};

/**
 * mathjs, two ways. The sources import parse, evaluate, compile and reviver
 * from 'mathjs': the build sends those imports to src/util/lazyMathjs.ts,
 * which loads mathjs's UMD bundle (each function created on first use). The
 * private instance that evaluates model files (src/model/safeMath.ts) is
 * made with `create` from the factories of the few functions it keeps,
 * which that bundle does not export: its import is bundled from mathjs's ES
 * modules, which esbuild trims to those factories and what they need, with
 * mathjs's own dependencies (an installed calu may not resolve them from
 * dist/). That part loads in about 0.15 s, not the second of the whole ES
 * module entry.
 */
const mathjsTwoWays = {
  name: 'mathjs-two-ways',
  setup(b) {
    const lazy = resolve('src/util/lazyMathjs.ts');
    const safe = resolve('src/model/safeMath.ts');
    const esm = fileURLToPath(import.meta.resolve('mathjs'));
    b.onResolve({ filter: /^mathjs$/, namespace: 'file' }, (args) => ({ path: args.importer === safe ? esm : lazy }));
    const bundled = `${sep}node_modules${sep}`;
    b.onResolve({ filter: /^[^./]/, namespace: 'file' }, (args) =>
      args.importer.includes(bundled) && !isBuiltin(args.path) ? { path: createRequire(args.importer).resolve(args.path) } : undefined,
    );
  },
};

await build({
  // One flat directory: the CLI finds ../package.json and the worker files (./fitWorker.js, ./stageWorker.js) from any output.
  entryPoints: [
    { in: 'src/index.ts', out: 'index' },
    { in: 'cli/calu.ts', out: 'calu' },
    { in: 'cli/fitWorker.ts', out: 'fitWorker' },
    { in: 'src/parallel/stageWorker.ts', out: 'stageWorker' },
  ],
  outdir: 'dist',
  bundle: true,
  // What only some commands need (Ink, KaTeX, TensorFlow.js) stays behind dynamic imports, in chunks of its own.
  splitting: true,
  chunkNames: 'chunk-[hash]',
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Dependencies stay in node_modules, but for mathjs (see mathjsTwoWays).
  packages: 'external',
  plugins: [requireCommonJs, mathjsTwoWays],
  banner: { js: "import { createRequire as __calu_createRequire } from 'node:module';\nconst require = __calu_createRequire(import.meta.url);" },
  logLevel: 'warning',
});

// Declarations of every source file, then only what src/index.ts exports, in one file: a
// consumer's compiler sees calu's public types and none of TensorFlow.js's.
execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
const types = await rollup({ input: 'dist/types/index.d.ts', plugins: [dts()], external: (id) => !id.startsWith('.') && !id.startsWith('/') });
await types.write({ file: 'dist/index.d.ts', format: 'es' });
rmSync('dist/types', { recursive: true });
