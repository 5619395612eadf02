import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { machine, markdownTable, median, progress, today } from '../machine.ts';
import { initBackend } from '../../src/engine/backend.ts';
import type { SuiteArgs, SuiteResult } from './index.ts';
import { freePort } from '../freePort.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The talk samples the suite fits (--tasks picks among them), with their targets. */
const SAMPLES: Record<string, string> = { multinomial: 'y0,y1,y2,y3', lorentz: 'pp,pq,qq' };

/**
 * Issue #13: fits sent through a Redis queue (a local redis-server on a
 * free port) to one `calu worker` process, then to two, with as many
 * stages in flight as workers; the built CLI (dist/, rebuilt first), each
 * fit a new process as a user runs it. The formulas must be the same.
 */
export async function queueSuite(args: SuiteArgs): Promise<SuiteResult> {
  const backend = await initBackend();
  const seeds = args.seeds ?? 3;
  const tasks = (args.tasks ?? Object.keys(SAMPLES)).filter((t) => SAMPLES[t]);
  execFileSync(process.execPath, ['scripts/build.js'], { cwd: ROOT, stdio: 'inherit' });
  const children: ChildProcess[] = [];
  try {
    const port = await freePort();
    await startUntil(children, 'redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], /Ready to accept connections/);
    const url = `redis://127.0.0.1:${port}`;
    const rows: Array<{ task: string; workers: number; seed: number; seconds: number; stdout: string }> = [];
    for (const workers of [1, 2]) {
      while (children.length - 1 < workers) await startUntil(children, process.execPath, ['dist/calu.js', 'worker', '--queue', url], /waiting for stage jobs/);
      for (const task of tasks) {
        for (let seed = 1; seed <= seeds; seed++) {
          const t0 = performance.now();
          const stdout = execFileSync(process.execPath, ['dist/calu.js', 'fit', `samples/${task}-train.csv`, '--target', SAMPLES[task], '--seed', String(seed), '--quiet', '--queue', url, '--workers', String(workers)], { cwd: ROOT, encoding: 'utf8' });
          const seconds = (performance.now() - t0) / 1000;
          rows.push({ task, workers, seed, seconds, stdout });
          progress(`queue ${task} seed ${seed}, ${workers} worker${workers === 1 ? '' : 's'}: ${seconds.toFixed(1)} s`);
        }
      }
    }
    const summary = tasks.map((task) => {
      const of = (w: number) => rows.filter((r) => r.task === task && r.workers === w);
      const same = of(1).filter((r, i) => r.stdout === of(2)[i].stdout).length;
      return { task, seeds, median: [median(of(1).map((r) => r.seconds)), median(of(2).map((r) => r.seconds))], same };
    });
    const json = { suite: 'queue', machine: machine(backend), date: today(), seeds, summary, rows };
    const table = [
      `Whole \`calu fit --queue\` runs (new process each, built CLI) against 1 and 2 local \`calu worker\` processes, ${seeds} seed${seeds === 1 ? '' : 's'} of each bundled sample:`,
      '',
      markdownTable(
        ['sample', 'median s, 1 worker', 'median s, 2 workers', 'speed-up', 'same formulas'],
        summary.map((s) => [s.task, s.median[0].toFixed(2), s.median[1].toFixed(2), `${(s.median[0] / s.median[1]).toFixed(2)}x`, `${s.same}/${s.seeds}`]),
      ),
    ].join('\n');
    return { json, table };
  } finally {
    for (const child of children) child.kill('SIGKILL');
  }
}


function startUntil(children: ChildProcess[], command: string, argv: string[], ready: RegExp): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, argv, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let out = '';
    const seen = (d: Buffer) => {
      out += d;
      if (ready.test(out)) resolve();
    };
    child.stdout!.on('data', seen);
    child.stderr!.on('data', seen);
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`${command} exited with ${code} before it was ready:\n${out}`)));
  });
}
