import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { ROOT, calu } from './helpers/cli.ts';
import { installed } from './helpers/requires.ts';
import { QUEUE, parseQueueUrl } from '../src/queue/connection.ts';
import { freePort } from '../bench/freePort.ts';

/**
 * Many machines, here as processes: a real redis-server on a free
 * localhost port, `calu worker` processes taking stage jobs from it, and
 * fits sent there with --queue. The formulas must be those of a local fit.
 */
const redis = installed('redis-server', ['--version'], 'apt-get install redis-server');
const children: ChildProcess[] = [];
let url = '';


/** Starts a process and resolves once its output shows `ready`; its output so far is in `log()`. */
function startUntil(command: string, args: string[], ready: RegExp): Promise<{ child: ChildProcess; log: () => string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let out = '';
    const log = () => out;
    const seen = (d: Buffer) => {
      out += d;
      if (ready.test(out)) resolve({ child, log });
    };
    child.stdout!.on('data', seen);
    child.stderr!.on('data', seen);
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`${command} exited with ${code} before it was ready:\n${out}`)));
  });
}

const worker = () => startUntil(process.execPath, [`${ROOT}dist/calu.js`, 'worker', '--queue', url], /waiting for stage jobs/);

beforeAll(async () => {
  if (!redis) return;
  const port = await freePort();
  await startUntil('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], /Ready to accept connections/);
  url = `redis://127.0.0.1:${port}`;
});

afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
});

const lorentz = ['fit', 'samples/lorentz-train.csv', '--target', 'pp,pq,qq', '--seed', '3', '--quiet'];

describe.runIf(redis)('a fit through a Redis queue (BullMQ)', () => {
  it('gets the formulas of a local fit from two calu worker processes, and again when one is killed mid-fit', async () => {
    const local = await calu([...lorentz, '--workers', '1']);
    expect(local.code).toBe(0);
    expect(local.stdout).toBe('pp = p0^2 - p1^2 - p2^2 - p3^2\npq = p0 * q0 - p1 * q1 - p2 * q2 - p3 * q3\nqq = q0^2 - q1^2 - q2^2 - q3^2\n');
    const [a, b] = await Promise.all([worker(), worker()]);
    const queued = await calu([...lorentz, '--queue', url, '--workers', '2']);
    expect(queued).toEqual(local);
    // Both workers took stages.
    expect(a.log()).toMatch(/job .*: stage \d+/);
    expect(b.log()).toMatch(/job .*: stage \d+/);
    // The solved fit left no job behind: the ones still waiting were removed, the ones running stopped.
    const { Queue } = await import('bullmq');
    const queue = new Queue(QUEUE, { connection: parseQueueUrl(url) });
    let counts: Record<string, number> = {};
    for (let i = 0; i < 100; i++) {
      counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
      if (Object.values(counts).every((n) => n === 0)) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await queue.close();
    expect(counts).toEqual({ waiting: 0, active: 0, delayed: 0, prioritized: 0 });

    // Again, with one worker killed (SIGKILL: no goodbye) as soon as it starts a stage: its job stalls and the other takes it.
    const jobs = (w: { log: () => string }) => (w.log().match(/: job /g) ?? []).length;
    const before = jobs(a);
    const second = calu([...lorentz, '--queue', url, '--workers', '2']);
    await new Promise<void>((resolve) => {
      const check = setInterval(() => {
        if (jobs(a) > before) {
          clearInterval(check);
          a.child.kill('SIGKILL');
          resolve();
        }
      }, 20);
    });
    expect(await second).toEqual(local);
    b.child.kill('SIGTERM');
  }, 300_000);

  it('a bad queue URL gets one clear line', async () => {
    const r = await calu(['fit', 'samples/mul-train.csv', '--target', 'y', '--queue', 'http://localhost:1']);
    expect(r).toEqual({ code: 1, stdout: '', stderr: 'calu: --queue: "http://localhost:1" is not a redis:// URL; expected redis://HOST:PORT\n' });
  });
});
