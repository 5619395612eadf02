import { render, renderToString, type Instance } from 'ink';
import type { FitResult } from '../result.ts';
import { initialState, reduce, type UiAction, type UiState } from './state.ts';
import { App } from './App.tsx';
import { FinalScreen } from './FinalScreen.tsx';
import { printableEvent, printableResult } from './printable.ts';
import { printable } from '../util/escape.ts';

export interface LiveOptions {
  /** The data file as the user named it. */
  source: string;
  stdout: NodeJS.WriteStream;
  stdin: NodeJS.ReadStream;
  /** Called on q or Ctrl-C. */
  onStop: () => void;
  /** Least time between two redraws: events can come far faster than a terminal needs. */
  frameMs?: number;
}

export interface LiveScreen {
  dispatch(action: UiAction): void;
  /** Closes the live screen and leaves the final screen (result and graph) on the terminal. */
  finish(result: FitResult): void;
  /** Closes the live screen and leaves nothing, e.g. before an error message. */
  close(): void;
}

/**
 * The Ink screen of a fit in a terminal: the state is reduced from the
 * fit's events here and handed to the pure App on each (throttled) redraw.
 */
export function startLiveScreen(options: LiveOptions): LiveScreen {
  const { stdout, stdin } = options;
  const frameMs = options.frameMs ?? 80;
  // Names from the data reach the terminal escaped: a header cannot clear the screen.
  let state: UiState = initialState(printable(options.source));
  const size = () => ({ width: Math.max(40, (stdout.columns || 100) - 1), height: Math.max(12, stdout.rows || 30) });
  const interactive = Boolean(stdin.isTTY);
  const element = () => <App state={state} {...size()} interactive={interactive} onStop={options.onStop} />;
  const instance: Instance = render(element(), { stdout, stdin, exitOnCtrlC: false, patchConsole: true });
  let timer: NodeJS.Timeout | undefined;
  let open = true;
  const redraw = () => {
    timer = undefined;
    if (open) instance.rerender(element());
  };
  const schedule = () => {
    timer ??= setTimeout(redraw, frameMs);
  };
  const onResize = () => redraw();
  stdout.on('resize', onResize);

  const close = () => {
    if (!open) return;
    open = false;
    if (timer) clearTimeout(timer);
    stdout.off('resize', onResize);
    // An empty last frame: Ink erases the live screen and unmount has nothing to leave behind.
    instance.rerender(<></>);
    instance.unmount();
  };
  return {
    dispatch(action) {
      state = reduce(state, action.type === 'stopping' ? action : action.type === 'result' ? { ...action, result: printableResult(action.result) } : printableEvent(action));
      schedule();
    },
    finish(result) {
      state = reduce(state, { type: 'result', result: printableResult(result) });
      close();
      const { width } = size();
      stdout.write(renderToString(<FinalScreen state={state} width={width} />, { columns: width }) + '\n');
    },
    close,
  };
}
