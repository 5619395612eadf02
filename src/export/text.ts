import type { FitResult, OutputResult } from '../result.ts';
import { printable } from '../util/escape.ts';
import { undecidedText } from '../result/decidable.ts';

/**
 * The formulas as text, one line per output: `target = formula` when it is
 * exact, `target ≈ formula  (within noise σ=..., ...)` when it fits within
 * the noise the data show, `target ≈ formula  (max rel. error ...)`
 * otherwise, so stdout alone tells them apart (the exit code, 3 for the
 * last, says it too), or `(the data cannot decide: ...)` when it fits
 * every row of too few. With `latex`, `=` or `\approx`, and the note as a
 * LaTeX comment.
 */
export function formatText(result: FitResult, options: { latex?: boolean } = {}): string {
  const lines = result.outputs.map((o) => {
    const formula = options.latex ? o.latex : o.formula || '(none found)';
    // Target names come from the data: shown with control characters escaped (formulas hold plain symbols).
    const name = options.latex ? latexName(o) : printable(o.target);
    if (o.exact) return `${name} = ${formula}`;
    // A formula that fits every row is not exact when the data has too few distinct rows to decide it: the reason replaces the error.
    const error = o.undecided ? undecidedText(o.undecided) : !o.formula ? '' : o.fit === 'within-noise' ? noiseNote(o) : `max rel. error ${errors(o)}`;
    if (options.latex) return `${name} \\approx ${formula}${error ? `  % ${error}` : ''}`;
    return `${name} ≈ ${formula}${error ? `  (${error})` : ''}`;
  });
  return lines.join('\n') + '\n';
}

/** "within noise σ=0.0412 (1.0e-2 of rms)": the noise estimate, absolute and relative to the target's RMS. */
function noiseNote(o: OutputResult): string {
  return o.noise ? `within noise σ=${o.noise.sigma.toPrecision(3)} (${fmt(o.noise.relative)} of rms)` : 'within noise';
}

/** "1.2e-3" on the training rows, with ", test 4.0e-3" when there are test rows. */
function errors(o: OutputResult): string {
  return `${fmt(o.metrics.train.maxRelError)}${o.metrics.test ? `, test ${fmt(o.metrics.test.maxRelError)}` : ''}`;
}

/** One line per output saying whether it is exact, within noise or neither, and how large its errors are. */
export function formatSummary(result: FitResult): string {
  const renamed = result.inputs.map((name, i) => (name !== result.symbols[i] ? `${result.symbols[i]} is column "${printable(name)}"` : null)).filter(Boolean);
  const lines = result.outputs.map((o) => {
    const status = o.exact ? 'exact' : o.fit === 'within-noise' ? `within noise, ${noiseNote(o).slice('within noise '.length)}` : 'NOT exact';
    const held = o.heldOut ? `held-out rel. RMS error ${fmt(o.heldOut.rmsRelError)}, ` : '';
    const train = `${held}train max rel. error ${fmt(o.metrics.train.maxRelError)}`;
    const test = o.metrics.test ? `, test ${fmt(o.metrics.test.maxRelError)}` : '';
    const why = o.undecided ? `; ${undecidedText(o.undecided)}` : '';
    return `${printable(o.target)}: ${status} (${train}${test}${why})`;
  });
  if (renamed.length) lines.push(`in the formulas, ${renamed.join(', ')}`);
  const end = result.stoppedBy === 'solved' ? solved(result) : result.stoppedBy === 'noise' ? 'settled: every formula exact or within noise, and no longer improving' : `stopped: ${stopReason(result.stoppedBy)}`;
  lines.push(`${result.seconds.toFixed(1)} s, seed ${result.seed}, ${end}`);
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
