import { execFileSync } from 'node:child_process';
import { ROOT } from '../helpers/cli.ts';

/**
 * A real terminal for end-to-end tests: a detached tmux session of a given
 * size running one command, whose screen is read with capture-pane (which
 * gives the text as shown, without escape codes).
 */
export class Terminal {
  private static count = 0;
  readonly name = `calu-e2e-${process.pid}-${++Terminal.count}`;
  /** Every distinct screen seen by `waitFor`, in order. */
  readonly screens: string[] = [];

  constructor(command: string, opts: { width?: number; height?: number; env?: Record<string, string> } = {}) {
    const env = Object.entries(opts.env ?? {}).map(([k, v]) => `${k}=${shellQuote(v)}`);
    // The pane stays after the command exits (the shell sleeps), so its last screen can be read.
    // CI is unset unless asked for: the tmux server inherits it from a CI runner, and the CLI
    // prints plain lines when it is set. So are the colour switches, which a test sets itself.
    const shell = `env -u CI -u NO_COLOR -u FORCE_COLOR ${env.join(' ')} sh -c ${shellQuote(`${command}; echo "[exit $?]"; sleep 600`)}`;
    tmux('new-session', '-d', '-s', this.name, '-x', String(opts.width ?? 110), '-y', String(opts.height ?? 45), '-c', ROOT, shell);
  }

  /** The screen now; with history, the lines scrolled off the top as well. */
  screen(history = false): string {
    return tmux('capture-pane', '-p', '-t', this.name, ...(history ? ['-S', '-500'] : []));
  }

  /** Waits until the screen (with history) satisfies `test`, recording every new screen it sees. */
  async waitFor(test: (screen: string) => boolean, what: string, timeoutMs = 180_000): Promise<string> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const s = this.screen(true);
      if (s !== this.screens.at(-1)) this.screens.push(s);
      if (test(s)) return s;
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}; the screen was:\n${s}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  keys(...keys: string[]): void {
    tmux('send-keys', '-t', this.name, ...keys);
  }

  /** Sends everything the program writes to the pane, escape codes included, to a file. */
  record(file: string): void {
    tmux('pipe-pane', '-o', '-t', this.name, `cat >> ${shellQuote(file)}`);
  }

  close(): void {
    try {
      tmux('kill-session', '-t', this.name);
    } catch {
      // Already gone.
    }
  }
}

function tmux(...args: string[]): string {
  return execFileSync('tmux', args, { encoding: 'utf8' });
}

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}
