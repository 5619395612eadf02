import type { Dataset } from '../src/data/dataset.ts';
import type { FitOptions } from '../src/fit.ts';
import type { FitResult } from '../src/result.ts';
import type { FitEvent } from '../src/train/events.ts';
import { startLiveScreen } from '../src/ui/live.tsx';
import { fitInBackground, type BackgroundFit } from './backgroundFit.ts';
import { SIGNAL_EXIT, stopOnSignals, type StopSignal } from './signals.ts';

/** Exit code of a run the user interrupted twice. */
const EXIT_INTERRUPTED = 130;

/**
 * A fit with the live screen: training runs in a worker thread, the screen
 * draws its events, and q, Ctrl-C or SIGTERM stops early (a second one
 * quits at once). On success the final screen stays on the terminal.
 */
export async function liveFit(
  source: string,
  data: Dataset,
  test: Dataset | undefined,
  options: Omit<FitOptions, 'test' | 'onEvent' | 'shouldStop' | 'signal'>,
  onEvent: (e: FitEvent) => void,
): Promise<FitResult> {
  let job: BackgroundFit | undefined;
  let stopping = false;
  const stop = (signal?: StopSignal) => {
    if (stopping) {
      screen.close();
      process.stderr.write('calu: interrupted\n');
      process.exit(signal ? SIGNAL_EXIT[signal] : EXIT_INTERRUPTED);
    }
    stopping = true;
    screen.dispatch({ type: 'stopping' });
    job?.stop();
  };
  const screen = startLiveScreen({ source, stdout: process.stdout, stdin: process.stdin, onStop: () => stop() });
  // Raw mode turns Ctrl-C into a key; without a terminal on stdin it still arrives as SIGINT. SIGTERM stops the same way.
  const off = stopOnSignals(stop, () => screen.close());
  try {
    job = fitInBackground({ data, test, options }, (e) => {
      onEvent(e);
      screen.dispatch(e);
    });
    const result = await job.result;
    screen.finish(result);
    return result;
  } catch (e) {
    screen.close();
    throw e;
  } finally {
    off();
  }
}
