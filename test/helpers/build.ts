import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Vitest's global setup: builds dist/ once before the tests, so the CLI
 * tests run the compiled package a user installs, built from the sources
 * as they are now.
 */
export default function build(): void {
  execFileSync(process.execPath, ['scripts/build.js'], { cwd: fileURLToPath(new URL('../../', import.meta.url)), stdio: 'inherit' });
}
