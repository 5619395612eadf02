import { writeFileSync } from 'node:fs';
import katex from 'katex';
import { parse } from 'mathjs';
import type { Dataset } from '../data/dataset.ts';
import type { FitResult, OutputResult } from '../result.ts';
import type { Metrics } from '../formula/verify.ts';
import { CaluError } from '../errors.ts';
import { toLatex, uniqueLatex } from './latex.ts';
import { networkGraphs } from './graph.ts';
import { graphSvg } from './svg/graphSvg.ts';
import { esc } from './svg/chart.ts';
import { curvePlot, targetPlots } from './plots.ts';
import { katexCss } from './katexCss.ts';
import { REPORT_CSS } from './reportCss.ts';
import type { TrainingCurve } from './trainingCurve.ts';
import { undecidedText } from '../result/decidable.ts';

/** What the report is made of: the fit, the data it saw (for the plots) and the curve recorded from its events. */
export interface ReportInput {
  result: FitResult;
  train: Dataset;
  test?: Dataset;
  curve: TrainingCurve;
  /** The data file as the user named it. */
  source: string;
}

/**
 * A self-contained HTML page about a fit: the formulas rendered by KaTeX
 * (its stylesheet and fonts inlined), the pruned graph as SVG, predicted
 * against true on the training and test rows and along a line out of the
 * training range, the training curve, and the candidate table. It has no
 * script and loads nothing, so it opens offline and as a single file.
 */
export function buildReport(input: ReportInput): string {
  const { result, train, test, curve, source } = input;
  const title = `calu: ${result.outputs.map((o) => o.target).join(', ')} from ${source}`;
  const graphs = networkGraphs(result);
  // The targets' names in LaTeX, apart from every input's.
  const targetTex = uniqueLatex([...result.symbols, ...result.outputs.map((o) => o.target)]).slice(result.symbols.length);
  const body = [
    `<header><h1>${esc(title)}</h1><p class="meta">${esc(meta(result, source))}</p></header>`,
    section('formulas', 'Formulas', result.outputs.map((o, k) => formulaBlock(o, targetTex[k])).join('')),
    section(
      'graph',
      'Pruned graph',
      graphs.length
        ? graphs.map((g) => `<figure>${graphSvg(g)}<figcaption>${esc(g.targets.join(', '))}: ${esc(g.shape)}${g.unusedInputs.length ? `; unused inputs: ${esc(g.unusedInputs.join(', '))}` : ''}</figcaption></figure>`).join('') +
            '<p class="note">Only surviving edges are drawn. An edge into a CALUm unit is labelled with its exponent, an edge into a CALUa unit with its coefficient; red edges carry negative values.</p>'
        : '<p>No formula was found, so there is no graph.</p>',
    ),
    section(
      'plots',
      'Predicted vs true',
      result.outputs.map((o) => `<div class="plots">${targetPlots(result, o.target, train, test).join('')}</div>`).join('') +
        `<p class="note">The last plot of each row follows the line x = a + t·(b − a) through input space, from a, the training row nearest the middle of the training data, to b, the ${test ? 'test' : 'training'} row farthest from it, and beyond; the shaded band is where the line stays inside the training data's range, and the dots are the true values at a and b.</p>`,
    ),
    section('training', 'Training curve', curvePlot(curve) || '<p>No progress was recorded.</p>'),
    section('candidates', 'Candidates', candidateTable(result)),
  ].join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>${katexCss()}</style>
<style>${REPORT_CSS}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

/** Writes the report, with a one-line error for a path that cannot be written. */
export function writeReport(path: string, input: ReportInput): void {
  const html = buildReport(input);
  try {
    writeFileSync(path, html);
  } catch (e) {
    throw new CaluError(`${path}: cannot write the report (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}

function meta(result: FitResult, source: string): string {
  const rows = `${result.rows.train} training rows${result.rows.test !== undefined ? `, ${result.rows.test} test rows` : ''}`;
  const end = result.stoppedBy === 'solved' ? 'every formula exact' : result.stoppedBy === 'noise' ? 'every formula exact or within noise, no longer improving' : result.stoppedBy === 'stopped' ? 'stopped early by the user' : result.stoppedBy === 'time' ? 'time budget ran out' : 'nothing left to try';
  return `${source} · ${rows} · seed ${result.seed} · ${result.seconds.toFixed(1)} s on ${result.backend} · ${end}`;
}

function section(id: string, heading: string, content: string): string {
  return `<section id="${id}"><h2>${esc(heading)}</h2>${content}</section>`;
}

function formulaBlock(o: OutputResult, targetTex: string): string {
  const tex = o.latex ? math(`${targetTex} = ${o.latex}`, true) : `<p>${esc(o.target)}: no formula found</p>`;
  const badge = o.exact
    ? '<span class="badge exact">exact</span>'
    : o.fit === 'within-noise'
      ? `<span class="badge noisy">within noise σ=${o.noise ? esc(o.noise.sigma.toPrecision(3)) : '?'}</span>`
      : `<span class="badge inexact">not exact</span>${o.undecided ? ` <span class="note">${esc(undecidedText(o.undecided))}</span>` : ''}`;
  const metricRows = [metricRow('train', o.metrics.train), o.metrics.test ? metricRow('test', o.metrics.test) : ''].join('');
  return `<div class="formula">${tex}<div class="status">${badge}
<table class="metrics"><thead><tr><th></th><th>rows</th><th>MSE</th><th>max abs. error</th><th>max rel. error</th></tr></thead><tbody>${metricRows}</tbody></table></div>
${o.latex ? `<details><summary>LaTeX and text</summary><pre>${esc(o.latex)}</pre><pre>${esc(o.formula)}</pre></details>` : ''}</div>`;
}

function metricRow(name: string, m: Metrics): string {
  return `<tr><th>${name}</th><td>${m.rows}</td><td>${num(m.mse)}</td><td>${num(m.maxAbsError)}</td><td>${num(m.maxRelError)}</td></tr>`;
}

function candidateTable(result: FitResult): string {
  if (result.candidates.length === 0) return '<p>No candidates were recorded.</p>';
  const rows = result.candidates.map((c) => {
    let tex: string;
    try {
      tex = math(toLatex(parse(c.formula), result.symbols), false);
    } catch {
      tex = `<code>${esc(c.formula)}</code>`;
    }
    return `<tr class="${c.chosen ? 'chosen' : ''}"><td>${c.chosen ? '▶' : ''}</td><td>${esc(c.target)}</td><td class="tex">${tex}</td><td>${c.complexity}</td><td>${num(c.error)}</td><td>${num(c.heldOut)}</td><td>${c.exact ? '✓' : ''}</td><td>${c.stage}</td><td>${c.step}</td></tr>`;
  });
  return `<table class="candidates"><thead><tr><th></th><th>target</th><th>formula</th><th>complexity</th><th>max rel. error (train)</th><th>held-out rel. RMS error</th><th>exact</th><th>stage</th><th>step</th></tr></thead><tbody>${rows.join('')}</tbody></table>
<p class="note">Every distinct formula the search read off a snapped network, by target and complexity (node count); ▶ marks the one chosen: the simplest exact formula, else the simplest that fits within noise on the held-out rows (see README).</p>`;
}

/** KaTeX's HTML (and MathML for screen readers); a formula KaTeX cannot parse shows as its LaTeX source. */
function math(tex: string, display: boolean): string {
  try {
    return katex.renderToString(tex, { displayMode: display, output: 'htmlAndMathml', throwOnError: true });
  } catch {
    return `<code>${esc(tex)}</code>`;
  }
}

function num(x: number | null): string {
  if (x === null || Number.isNaN(x)) return 'undefined';
  if (x === 0) return '0';
  return Math.abs(x) >= 1e-3 && Math.abs(x) < 1e4 ? String(Number(x.toPrecision(4))) : x.toExponential(2);
}
