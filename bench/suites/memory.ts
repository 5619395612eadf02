import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { machine, markdownTable, progress, today } from '../machine.ts';
import { writeProductCsv } from '../bigCsv.ts';
import { initBackend } from '../../src/engine/backend.ts';
import type { SuiteArgs, SuiteResult } from './index.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TIME = '/usr/bin/time';

/** What each run is: the file's rows, and the arguments after `calu fit FILE --target y`. */
const RUNS: Array<{ rows: number; args: string[]; label: string }> = [
  { rows: 150_000, args: [], label: 'default search' },
  { rows: 300_000, args: [], label: 'default search' },
  { rows: 300_000, args: ['--report', 'REPORT'], label: 'default search, --report' },
  { rows: 1_000_000, args: [], label: 'default search' },
  { rows: 1_000_000, args: ['--layers', '2 4:m 1:a', '--steps', '200', '--max-seconds', '120'], label: "--layers '2 4:m 1:a' --steps 200 (phase 1's command)" },
  { rows: 2_500_000, args: [], label: 'default search' },
];

/**
 * Issue #12's size and memory targets: `calu fit` on files of y = x1*x2
 * (inputs in [-2, 2], full precision, made at run time by writeProductCsv
 * and deleted after), each fit a new process of the built CLI under GNU
 * time for its peak resident memory. A file is written once and used by
 * every run of its size. --quick stops at 300,000 rows.
 */
export async function memorySuite(args: SuiteArgs): Promise<SuiteResult> {
  if (!existsSync(TIME)) throw new Error(`the memory suite measures peak memory with GNU time (${TIME}): apt-get install time`);
  const backend = await initBackend();
  execFileSync(process.execPath, ['scripts/build.js'], { cwd: ROOT, stdio: 'inherit' });
  const dir = mkdtempSync(join(tmpdir(), 'calu-memory-'));
  const runs = args.quick ? RUNS.filter((r) => r.rows <= 300_000) : RUNS;
  const rows = [];
  try {
    for (const run of runs) {
      const csv = join(dir, `p${run.rows}.csv`);
      if (!existsSync(csv)) {
        for (const f of [...new Set(runs.map((r) => r.rows))].filter((n) => n < run.rows)) rmSync(join(dir, `p${f}.csv`), { force: true });
        writeProductCsv(csv, run.rows);
      }
      const report = join(dir, 'report.html');
      const argv = run.args.map((a) => (a === 'REPORT' ? report : a));
      const timing = join(dir, 'time.txt');
      const r = spawnSync(TIME, ['-f', '%M %e', '-o', timing, process.execPath, 'dist/calu.js', 'fit', csv, '--target', 'y', '--seed', '1', '--json', '--quiet', ...argv], {
        cwd: ROOT,
        encoding: 'utf8',
        maxBuffer: 1 << 26,
      });
      const [kb, wall] = readFileSync(timing, 'utf8').trim().split('\n').at(-1)!.split(' ').map(Number);
      const json = r.stdout ? JSON.parse(r.stdout) : null;
      const out = json?.outputs?.[0];
      const row = {
        rows: run.rows,
        csvMB: statSync(csv).size / 1e6,
        run: run.label,
        exit: r.status,
        formula: out?.formula ?? `(exit ${r.status}: ${r.stderr.trim().split('\n').at(-1)})`,
        exact: out?.exact ?? false,
        peakMB: kb / 1024,
        wallSeconds: wall,
        fitSeconds: json?.seconds ?? NaN,
        reportKB: run.args.includes('REPORT') && existsSync(report) ? statSync(report).size / 1024 : null,
      };
      progress(`memory ${run.rows} rows, ${run.label}: ${row.formula} ${row.exact ? 'exact' : 'NOT exact'}, peak ${row.peakMB.toFixed(0)} MB, ${wall} s`);
      rows.push(row);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const table = markdownTable(
    ['rows', 'CSV MB', 'run', 'exit', 'formula', 'exact', 'peak RSS MB', 'wall s', 'fit s'],
    rows.map((r) => [r.rows.toLocaleString('en'), r.csvMB.toFixed(1), r.run + (r.reportKB !== null ? ` (report ${r.reportKB.toFixed(0)} KB)` : ''), String(r.exit), `\`${r.formula}\``, r.exact ? 'yes' : 'no', r.peakMB.toFixed(0), r.wallSeconds.toFixed(1), r.fitSeconds.toFixed(1)]),
  );
  return { json: { suite: 'memory', machine: machine(backend), date: today(), rows }, table };
}
