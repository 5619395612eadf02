import { spawnSync } from 'node:child_process';

/**
 * Whether a program a test needs is installed. When it is not, the caller
 * skips its tests and the reason is printed, so a contributor without it
 * still gets a green run. Under CALU_REQUIRE_ALL=1 (which .ci/run sets) a
 * missing program fails instead, so CI never skips: except for one CI
 * cannot install (`ciInstalls: false`), which is only ever skipped.
 */
export function installed(program: string, probe: string[], install: string, opts: { ciInstalls?: boolean } = {}): boolean {
  const r = spawnSync(program, probe, { stdio: 'ignore' });
  if (r.status === 0) return true;
  const why = `${program} is not installed (${install})`;
  if (process.env.CALU_REQUIRE_ALL && opts.ciInstalls !== false) throw new Error(`CALU_REQUIRE_ALL is set, but ${why}`);
  console.warn(`skipping the tests that need ${program}: ${why}`);
  return false;
}
