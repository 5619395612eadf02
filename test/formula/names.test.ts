import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import katex from 'katex';
import { all, create, parse } from 'mathjs';
import { symbolNames } from '../../src/formula/symbols.ts';
import { worksAsSymbol } from '../../src/formula/safeName.ts';
import { latexNames, symbolLatex, toLatex, uniqueLatex } from '../../src/export/latex.ts';
import { predict } from '../../src/model.ts';
import { checkModel } from '../../src/model/safeModel.ts';

const math = create(all);

/**
 * Every name mathjs knows: its functions, constants and types, the words
 * its parser treats as operators, constants or keywords, and the
 * properties every object inherits.
 */
const MATHJS_NAMES = [
  ...new Set([
    ...Object.keys(math),
    ...Object.keys((math.expression as unknown as { mathWithTransform: object }).mathWithTransform),
    ...['end', 'to', 'in', 'mod', 'not', 'and', 'or', 'xor', 'true', 'false', 'null', 'undefined', 'uninitialized', 'NaN', 'Infinity'],
    ...Object.getOwnPropertyNames(Object.prototype),
    ...['cm', 'inch', 'deg', 'rad', 'm', 's', 'kg'],
  ]),
];

describe('column names mathjs has a use for', () => {
  it('are drawn from a namespace of hundreds of names', () => {
    expect(MATHJS_NAMES.length).toBeGreaterThan(400);
    expect(MATHJS_NAMES).toContain('end');
    expect(MATHJS_NAMES).toContain('createUnit');
  });

  it('each become a symbol that reads back as itself, in every way a formula uses it', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.constantFrom(...MATHJS_NAMES), { minLength: 2, maxLength: 4 }), fc.double({ min: 0.5, max: 3, noNaN: true }), (columns, v) => {
        const symbols = symbolNames(columns);
        expect(new Set(symbols).size).toBe(symbols.length);
        for (const s of symbols) expect(worksAsSymbol(s)).toBe(true);
        const [a, b] = symbols;
        const text = `${a} * ${b} - sqrt(${a}^2 + 1) / (4 * pi) + (${b} + 1)^(3 / 2)`;
        const want = v * (v + 1) - Math.sqrt(v * v + 1) / (4 * Math.PI) + Math.pow(v + 2, 1.5);
        const scope = new Map(symbols.map((s, i) => [s, i === 0 ? v : v + 1]));
        expect(parse(text).compile().evaluate(scope)).toBeCloseTo(want, 12);
        // The same formula through a saved model, on the private mathjs that predict uses.
        const model = { calu: 1 as const, inputs: columns, symbols, outputs: [{ target: 'y', formula: text, expression: JSON.parse(JSON.stringify(parse(text))), exact: true }], seed: 1 };
        checkModel(model, 'names.json');
        const row = symbols.map((_, i) => (i === 0 ? v : v + 1));
        expect(predict(model, [row])[0][0]).toBeCloseTo(want, 12);
        // And LaTeX that KaTeX reads, with a distinct name for each column.
        const tex = latexNames(symbols);
        expect(new Set(tex.values()).size).toBe(symbols.length);
        expect(() => katex.renderToString(toLatex(parse(text), symbols), { throwOnError: true })).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });

  it('keep their own spelling where mathjs reads them back, and get a _ where it does not', () => {
    expect(symbolNames(['end', 'to', 'in', 'mod', 'not', 'and', 'or', 'xor'])).toEqual(['end_', 'to', 'in', 'mod', 'not_', 'and', 'or', 'xor']);
    expect(symbolNames(['true', 'null', 'pi', 'e', 'sqrt', 'gamma'])).toEqual(['true_', 'null_', 'pi_', 'e_', 'sqrt_', 'gamma']);
  });
});

describe('LaTeX names', () => {
  it('are unique per column', () => {
    expect(uniqueLatex(['x1', 'x_1'])).toEqual(['x_{1}', '\\mathit{x\\_1}']);
    expect(uniqueLatex(symbolNames(['x y', 'x_y']))).toEqual(['x_{y}', '\\mathit{x\\_y\\_}']);
    expect(toLatex(parse('x1 * x_1'), ['x1', 'x_1'])).toBe('x_{1} \\mathit{x\\_1}');
    // Without the fit's symbols, names are kept apart within the formula.
    expect(toLatex(parse('x_1 + x1'))).toBe('x_{1}+\\mathit{x1}');
  });

  it('set apart a column named like a constant', () => {
    const [e] = symbolNames(['e']);
    expect(symbolLatex(e)).toBe('\\mathit{e}');
    expect(toLatex(parse(`${e} * e`), [e])).toBe('\\mathit{e} \\mathrm{e}');
    expect(symbolLatex('__x')).toBe('\\mathit{\\_\\_x}');
    expect(symbolLatex(symbolNames(['pi'])[0])).toBe('\\mathit{pi}');
    expect(toLatex(parse('2 * pi'))).toBe('2 \\pi');
  });
});
