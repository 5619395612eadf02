import type { FitEvent } from '../train/events.ts';
import { printableEvent } from './printable.ts';
import { restartsText } from './format.ts';

/**
 * Progress as plain lines, for a stream that is not a terminal (or under
 * --json or CI): no escape codes, and at most one progress line a second.
 */
export function plainProgress(write: (line: string) => void, everyMs = 1000): (e: FitEvent) => void {
  let last = -Infinity;
  return (event) => {
    // Names come from the data's header: escaped, so they cannot act on the terminal.
    const e = printableEvent(event);
    switch (e.type) {
      case 'start':
        write(`calu: ${e.rows} rows, ${e.inputs.length} inputs -> ${e.targets.join(', ')}; backend ${e.backend}, seed ${e.seed}, budget ${e.maxSeconds} s`);
        break;
      case 'stage':
        write(`${e.worker === undefined ? '' : `worker ${e.worker}: `}stage ${e.index}: ${e.stack}, Q ${e.q}, ${restartsText(e.restarts, e.shares)}, ${e.steps} steps, for ${e.targets.join(', ')}`);
        last = -Infinity;
        break;
      case 'progress': {
        const now = performance.now();
        if (now - last < everyMs && e.step < e.steps) return;
        last = now;
        write(
          `  ${e.worker === undefined ? '' : `stage ${e.stage}: `}step ${e.step}/${e.steps}  loss ${sci(e.bestLoss)} (median ${sci(e.medianLoss)})  exact ${e.exact}/${e.restarts}  settled ${Math.round(100 * e.settled)}%` +
            `${e.blownUp ? `  blown up ${e.blownUp}` : ''}  ${e.elapsed.toFixed(1)} s`,
        );
        break;
      }
      case 'candidate':
        // Inexact candidates change often and can be long; the plain log names only exact finds.
        if (e.exact) write(`  exact: ${e.target} = ${e.formula}`);
        break;
      case 'done':
        write(`done in ${e.seconds.toFixed(1)} s: ${e.exact ? 'every formula is exact' : e.stoppedBy === 'noise' ? 'every formula is exact or within noise' : 'not every formula is exact'}`);
        break;
    }
  };
}

function sci(x: number): string {
  return Number.isFinite(x) ? x.toExponential(2) : 'nan';
}
