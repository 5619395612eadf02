import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { readCsvFile } from '../../src/data/csv.ts';
import { toDataset } from '../../src/data/dataset.ts';
import { buildReport, writeReport } from '../../src/export/report.ts';
import { curveRecorder } from '../../src/export/trainingCurve.ts';
import { recording } from '../ui/fixture.ts';

const samples = (name: string) => fileURLToPath(new URL(`../../samples/${name}`, import.meta.url));
const rec = recording('lorentz');
const train = toDataset(readCsvFile(samples('lorentz-train.csv')), { targets: rec.targets });
const test = toDataset(readCsvFile(samples('lorentz-test.csv')), { targets: rec.targets, inputs: train.inputs });
const recorder = curveRecorder();
rec.events.forEach(recorder.add);
const input = { result: rec.result, train, test, curve: recorder.curve, source: 'samples/lorentz-train.csv' };
const html = buildReport(input);
const count = (re: RegExp) => (html.match(re) ?? []).length;

describe('the HTML report', () => {
  it('renders each formula with KaTeX, from the exported LaTeX', () => {
    expect(count(/class="katex-display"/g)).toBe(3);
    // KaTeX keeps the source it rendered in the MathML annotation.
    const annotations = [...html.matchAll(/<annotation encoding="application\/x-tex">([^<]*)<\/annotation>/g)].map((m) => m[1]);
    expect(annotations.slice(0, 3)).toEqual(rec.result.outputs.map((o) => `\\mathit{${o.target}} = ${o.latex}`));
  });

  it('is self-contained: KaTeX fonts inlined, no script, nothing to fetch', () => {
    // (Matches are compared, not the page: a failure should not print half a megabyte.)
    expect(count(/<script/gi)).toBe(0);
    expect(count(/url\(data:font\/woff2;base64,/g)).toBeGreaterThanOrEqual(19);
    // Only fonts and the SVG's own clip paths are referred to.
    expect(html.match(/url\((?!data:font\/woff2;base64,|#clip)[^)]{0,40}/g)).toBeNull();
    expect(html.match(/\s(src|href)=[^>]{0,40}/g)).toBeNull();
    // The only absolute URLs are XML namespaces.
    const urls = new Set(html.match(/https?:\/\/[^"'\s)]+/g));
    expect([...urls].sort()).toEqual(['http://www.w3.org/1998/Math/MathML', 'http://www.w3.org/2000/svg']);
  });

  it('draws the pruned graph as SVG: 8 inputs, 12 CALUm units, 3 outputs, 28 labelled edges', () => {
    const svg = html.slice(html.indexOf('<section id="graph">'), html.indexOf('<section id="plots">'));
    expect(count(/class="node input"/g)).toBe(8);
    expect((svg.match(/class="node caluM"/g) ?? []).length).toBe(12);
    expect((svg.match(/class="node output"/g) ?? []).length).toBe(3);
    expect((svg.match(/class="edge(?: negative)?"/g) ?? []).length).toBe(28);
    expect((svg.match(/class="edge-label">([^<]*)</g) ?? []).map((m) => m.slice(19, -1)).sort()).toEqual([...Array(8).fill('1'), ...Array(4).fill('2'), ...Array(4).fill('2'), ...Array(3).fill('1'), ...Array(9).fill('−1')].sort());
    expect(svg).toContain('>p₀·q₀</text>');
  });

  it('plots predicted vs true on train and test, along an extrapolation line, and the training curve', () => {
    for (const t of ['pp', 'pq', 'qq']) {
      expect(html).toContain(`aria-label="${t} on the training rows"`);
      expect(html).toContain(`aria-label="${t} on the test rows"`);
      expect(html).toContain(`aria-label="${t} beyond the training range"`);
    }
    expect(html).toContain('aria-label="Training curve"');
    expect(html).toContain('stage 1: 8 5:m 3:a');
  });

  it('lists every candidate, the chosen ones marked', () => {
    const table = html.slice(html.indexOf('<table class="candidates">'));
    expect((table.match(/<tr class="(chosen)?">/g) ?? []).length).toBe(rec.result.candidates.length);
    expect((table.match(/<tr class="chosen">/g) ?? []).length).toBe(3);
  });

  it('names the path when it cannot be written', () => {
    expect(() => writeReport('/nonexistent-dir/r.html', input)).toThrow('/nonexistent-dir/r.html: cannot write the report (ENOENT)');
  });
});
