import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { machine, markdownTable, median, progress, today } from '../machine.ts';
import { initBackend } from '../../src/engine/backend.ts';
import type { SuiteArgs, SuiteResult } from './index.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** What a user waits for, end to end: each command as a new process, as a shell runs it. */
const COMMANDS: Array<{ label: string; args: string[]; target?: number }> = [
  { label: 'calu --help', args: ['dist/calu.js', '--help'], target: 0.3 },
  { label: 'calu fit samples/mul-train.csv --target y', args: ['dist/calu.js', 'fit', 'samples/mul-train.csv', '--target', 'y'], target: 1.5 },
  { label: 'calu predict (mul model, mul-test.csv)', args: ['dist/calu.js', 'predict', 'MODEL', 'samples/mul-test.csv'] },
  { label: 'development: node bin/calu.js --help (tsx)', args: ['bin/calu.js', '--help'] },
  { label: 'development: node bin/calu.js fit samples/mul-train.csv --target y (tsx)', args: ['bin/calu.js', 'fit', 'samples/mul-train.csv', '--target', 'y'] },
];

/**
 * Issue #11's start-up targets: the wall time of whole CLI runs, from the
 * spawn of node to its exit, for the built package (dist/, rebuilt first
 * from the current sources) and, for comparison, the tsx development
 * runner. Each command runs once to warm the file cache, then `--runs` times.
 */
export async function startupSuite(args: SuiteArgs): Promise<SuiteResult> {
  const backend = await initBackend();
  const runs = args.runs ?? 10;
  execFileSync(process.execPath, ['scripts/build.js'], { cwd: ROOT, stdio: 'inherit' });
  const model = join(mkdtempSync(join(tmpdir(), 'calu-startup-')), 'mul.json');
  execFileSync(process.execPath, ['dist/calu.js', 'fit', 'samples/mul-train.csv', '--target', 'y', '--quiet', '--save', model], { cwd: ROOT, stdio: 'ignore' });
  const rows = COMMANDS.map(({ label, args: argv, target }) => {
    const command = argv.map((a) => (a === 'MODEL' ? model : a));
    const times: number[] = [];
    for (let i = 0; i <= runs; i++) {
      const t0 = performance.now();
      const r = spawnSync(process.execPath, command, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
      const seconds = (performance.now() - t0) / 1000;
      if (r.status !== 0) throw new Error(`${label} exited ${r.status}: ${r.stderr}`);
      if (i > 0) times.push(seconds);
    }
    progress(`startup ${label}: median ${median(times).toFixed(3)} s over ${runs} runs`);
    return { label, runs, median: median(times), min: Math.min(...times), max: Math.max(...times), target: target ?? null };
  });
  const s = (x: number) => x.toFixed(3);
  const table = markdownTable(
    ['command', 'runs', 'median s', 'min s', 'max s', 'target s'],
    rows.map((r) => [`\`${r.label}\``, r.runs, s(r.median), s(r.min), s(r.max), r.target === null ? '-' : `< ${r.target} ${r.median < r.target ? '(met)' : '(NOT met)'}`]),
  );
  return { json: { suite: 'startup', machine: machine(backend), date: today(), rows }, table };
}
