/**
 * Ctrl-C (SIGINT) and SIGTERM, which `timeout`, CI cancellation and process
 * managers send, both stop a fit early: the first asks it to stop and keep
 * the best formulas so far, still verified, printed and saved; a second
 * ends the process at once, with the shell's code for the signal.
 */

/** 128 + the signal's number, as a shell reports a process ended by it. */
export const SIGNAL_EXIT: Record<StopSignal, number> = { SIGINT: 130, SIGTERM: 143 };

export type StopSignal = 'SIGINT' | 'SIGTERM';

let first: StopSignal | null = null;

/** The signal that stopped the fit, if one did. */
export function stoppedBySignal(): StopSignal | null {
  return first;
}

/**
 * Routes SIGINT and SIGTERM to `stop` while a fit runs; `quit` runs before
 * the process ends on a second signal (to close a screen, say). Returns a
 * function that removes the handlers.
 */
export function stopOnSignals(stop: (signal: StopSignal) => void, quit: () => void = () => {}): () => void {
  const handler = (signal: StopSignal) => {
    if (first) {
      quit();
      process.stderr.write(`calu: interrupted (${signal})\n`);
      process.exit(SIGNAL_EXIT[signal]);
    }
    first = signal;
    stop(signal);
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}

/** The line printed when the first signal arrives. */
export function stoppingLine(signal: StopSignal): string {
  return signal === 'SIGINT'
    ? 'stopping: finishing with the best formula so far (Ctrl-C again to quit at once)'
    : 'stopping (SIGTERM): finishing with the best formulas so far, then writing what was asked for';
}
