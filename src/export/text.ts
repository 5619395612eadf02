import type { FitResult, OutputResult } from '../result.ts';
import { printable } from '../util/escape.ts';
import { undecidedText } from '../result/decidable.ts';

/**
 * The formulas as text, one line per output: `target = formula` when it is
 * exact, `target ≈ formula  (max rel. error ...)` when it is not, so stdout
 * alone tells them apart (the exit code, 3, says it too), or `(the data
 * cannot decide: ...)` when it fits every row of too few. With `latex`,
 * `=` or `\approx`, and the error as a LaTeX comment.
 */
export function formatText(result: FitResult, options: { latex?: boolean } = {}): string {
  const lines = result.outputs.map((o) => {
    const formula = options.latex ? o.latex : o.formula || '(none found)';
    // Target names come from the data: shown with control characters escaped (formulas hold plain symbols).
    const name = options.latex ? latexName(o) : printable(o.target);
    if (o.exact) return `${name} = ${formula}`;
    // A formula that fits every row is not exact when the data has too few distinct rows to decide it: the reason replaces the error.
    const error = o.undecided ? undecidedText(o.undecided) : o.formula ? `max rel. error ${errors(o)}` : '';
    if (options.latex) return `${name} \\approx ${formula}${error ? `  % ${error}` : ''}`;
    return `${name} ≈ ${formula}${error ? `  (${error})` : ''}`;
  });
  return lines.join('\n') + '\n';
}

/** "1.2e-3" on the training rows, with ", test 4.0e-3" when there are test rows. */
function errors(o: OutputResult): string {
  return `${fmt(o.metrics.train.maxRelError)}${o.metrics.test ? `, test ${fmt(o.metrics.test.maxRelError)}` : ''}`;
}

/** One line per output saying whether it is exact and how large its errors are. */
export function formatSummary(result: FitResult): string {
  const renamed = result.inputs.map((name, i) => (name !== result.symbols[i] ? `${result.symbols[i]} is column "${printable(name)}"` : null)).filter(Boolean);
  const lines = result.outputs.map((o) => {
    const status = o.exact ? 'exact' : 'NOT exact';
    const train = `train max rel. error ${fmt(o.metrics.train.maxRelError)}`;
    const test = o.metrics.test ? `, test ${fmt(o.metrics.test.maxRelError)}` : '';
    const why = o.undecided ? `; ${undecidedText(o.undecided)}` : '';
    return `${printable(o.target)}: ${status} (${train}${test}${why})`;
  });
  if (renamed.length) lines.push(`in the formulas, ${renamed.join(', ')}`);
  lines.push(`${result.seconds.toFixed(1)} s, seed ${result.seed}, ${result.stoppedBy === 'solved' ? solved(result) : `stopped: ${stopReason(result.stoppedBy)}`}`);
  return lines.join('\n') + '\n';
}

/** A search that ended with every formula fitting every row: solved, unless the data cannot decide some of them. */
function solved(result: FitResult): string {
  return result.outputs.some((o) => o.undecided) ? 'stopped: every formula fits every row, but the data cannot decide some' : 'solved';
}

function stopReason(s: FitResult['stoppedBy']): string {
  if (s === 'time') return 'time budget (--max-seconds) ran out; best candidate shown';
  if (s === 'stopped') return 'stopped by the user; best candidate so far shown';
  return 'nothing left to try; best candidate shown';
}

function latexName(o: OutputResult): string {
  return printable(o.target).replace(/_/g, '\\_');
}

function fmt(x: number): string {
  if (!Number.isFinite(x)) return 'undefined';
  if (x === 0) return '0';
  return x.toExponential(1);
}
