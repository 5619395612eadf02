import { describe, expect, it } from 'vitest';
import { rowsOf } from '../../src/data/rows.ts';
import katex from 'katex';
import { parse } from 'mathjs';
import { parseCsv } from '../../src/data/csv.ts';
import { toDataset } from '../../src/data/dataset.ts';
import { symbolNames } from '../../src/formula/symbols.ts';
import { worksAsSymbol } from '../../src/formula/safeName.ts';
import { latexNames, toLatex } from '../../src/export/latex.ts';
import { formatSummary } from '../../src/export/text.ts';
import { predict } from '../../src/model.ts';
import { checkModel } from '../../src/model/safeModel.ts';
import type { FitResult } from '../../src/result.ts';
import { COLUMN_NAMES } from '../corpus/columnNames.ts';

const quote = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

describe('the column-name corpus, all in one file', () => {
  const header = [...COLUMN_NAMES, 'target'];
  const csv = [header, header.map((_, i) => String(i + 1)), header.map((_, i) => String(2 * i + 1))].map((r) => r.map(quote).join(',')).join('\n') + '\n';
  const data = toDataset(parseCsv(csv, 'names.csv'), { targets: ['target'] });
  const symbols = symbolNames(data.inputs);

  it('reads every name as a column', () => {
    expect(data.inputs).toEqual(COLUMN_NAMES);
  });

  it('gives each column its own symbol, which mathjs reads back', () => {
    expect(new Set(symbols).size).toBe(symbols.length);
    for (const s of symbols) expect(worksAsSymbol(s)).toBe(true);
  });

  it('gives each column its own LaTeX, which KaTeX renders', () => {
    const tex = [...latexNames(symbols).values()];
    expect(new Set(tex).size).toBe(symbols.length);
    const sum = parse(symbols.join(' + '));
    expect(() => katex.renderToString(toLatex(sum, symbols), { throwOnError: true })).not.toThrow();
  });

  it('evaluates a saved formula over all of them', () => {
    const formula = symbols.join(' + ');
    const model = { calu: 1 as const, inputs: data.inputs, symbols, outputs: [{ target: 'target', formula, expression: JSON.parse(JSON.stringify(parse(formula))), exact: true }], seed: 1 };
    checkModel(model, 'names.json');
    const sum = (row: number[]) => row.reduce((a, b) => a + b, 0);
    const { x } = rowsOf(data);
    expect(predict(model, x).map((r) => r[0])).toEqual(x.map(sum));
  });

  it('names renamed columns in the summary with their control characters escaped', () => {
    const result = { inputs: data.inputs, symbols, outputs: [], seconds: 0, seed: 1, stoppedBy: 'solved' } as unknown as FitResult;
    const summary = formatSummary(result);
    expect(summary).toContain('end_ is column "end"');
    expect(summary).toContain('is column "a\\x1bb"');
    expect(summary).toContain('is column "new\\nline"');
    expect(summary.trimEnd().split('\n')).toHaveLength(2);
    expect(summary).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f\u202e]/);
  });
});
