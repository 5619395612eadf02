import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { all, create, type MathNode } from 'mathjs';
import { loadModel, predict } from '../../src/model.ts';
import { checkModel } from '../../src/model/safeModel.ts';
import { privateNames } from '../../src/model/safeMath.ts';
import { evaluateFormula } from '../../src/formula/verify.ts';
import { CaluError } from '../../src/errors.ts';
import { MODEL_CASES, model } from '../corpus/modelCases.ts';

const dir = mkdtempSync(join(tmpdir(), 'calu-safe-'));
const full = create(all);


function file(name: string, content: unknown): string {
  const p = join(dir, name);
  writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content));
  return p;
}

/** Loads a model file and returns the one-line message it is refused with, within 2 s. */
function refusal(path: string): string {
  const t0 = performance.now();
  try {
    loadModel(path);
  } catch (e) {
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(e).toBeInstanceOf(CaluError);
    const message = (e as Error).message;
    expect(message.split('\n')).toHaveLength(1);
    expect(message.startsWith(`${path}: `)).toBe(true);
    return message.slice(path.length + 2);
  }
  throw new Error(`${path} was accepted`);
}

describe('a model file is data, not a program', () => {
  MODEL_CASES.forEach((c, i) => {
    it(`refuses ${c.name} within 2 s, in one line naming the file and the node`, () => {
      expect(refusal(file(`case-${i}.json`, c.content))).toBe(c.message);
    });
  });

  it('refuses trees too deep or too large, quickly', () => {
    // Written as text: JSON.stringify itself recurses, and this is deeper than its stack.
    const levels = 100_000;
    const deep = `{"calu":1,"inputs":["x1"],"symbols":["x1"],"outputs":[{"target":"y","formula":"x1","expression":${'{"mathjs":"ParenthesisNode","content":'.repeat(levels)}{"mathjs":"SymbolNode","name":"x1"}${'}'.repeat(levels)}}]}`;
    expect(refusal(file('deep.json', deep))).toBe('outputs[0].expression.content.content.content.conte....content.content.content.content.content: the formula nests deeper than 1000 levels');
    const wide = { mathjs: 'OperatorNode', op: '+', fn: 'add', args: Array.from({ length: 30_000 }, () => ({ mathjs: 'SymbolNode', name: 'x1' })) };
    expect(refusal(file('wide.json', model('x1', wide)))).toBe('outputs[0].expression: operator "+" ("add", 30000 arguments) is not one calu writes');
    const balanced = (depth: number): unknown => (depth === 0 ? { mathjs: 'SymbolNode', name: 'x1' } : { mathjs: 'OperatorNode', op: '+', fn: 'add', args: [balanced(depth - 1), balanced(depth - 1)] });
    expect(refusal(file('large.json', model('x1', balanced(15))))).toMatch(/^outputs\[0\]\.expression[.[\]args01]*: the formula has more than 20000 nodes$/);
    const sum = Array.from({ length: 25_000 }, () => 'x1').join(' + ');
    expect(refusal(file('long.json', model(sum, { mathjs: 'SymbolNode', name: 'x1' })))).toBe(`outputs[0].formula is longer than 100000 characters`);
    const shorter = sum.slice(0, 5 * 19_000 - 3);
    expect(refusal(file('longish.json', model(shorter, { mathjs: 'SymbolNode', name: 'x1' })))).toBe(`outputs[0]: "formula" (${shorter.slice(0, 57)}...) does not match "expression" (x1)`);
  });

  it('evaluates on a private mathjs without import, createUnit, evaluate, parse or config', () => {
    for (const names of privateNames()) {
      for (const banned of ['import', 'createUnit', 'evaluate', 'parse', 'config', 'create', 'zeros', 'size']) expect(names).not.toContain(banned);
    }
  });

  it('predicts with a valid model exactly as the full mathjs does', () => {
    const m = model('x1 * x2 - sqrt(x1^2 + 1) / (4 * pi) + x2^(3/2)');
    const path = file('good.json', m);
    const rows = [[1, 2], [-3, 0.5], [2, -4], [0, 0]];
    const expected = evaluateFormula(full.parse(m.outputs[0].formula), ['x1', 'x2'], rows);
    expect(predict(loadModel(path), rows).map((r) => r[0])).toEqual([...expected]);
    expect(Number.isNaN(predict(loadModel(path), rows)[2][0])).toBe(true);
  });
});

/** A random formula as text, and whether it stays within what calu writes (inputs x1, x2). */
interface Gen {
  text: string;
  safe: boolean;
}

const leaf: fc.Arbitrary<Gen> = fc.oneof(
  fc.constantFrom('x1', 'x2', 'pi', 'e').map((text) => ({ text, safe: true })),
  fc.integer({ min: 0, max: 1000 }).map((n) => ({ text: String(n), safe: true })),
  fc.double({ min: 0.001, max: 1e6, noNaN: true }).map((n) => ({ text: String(n), safe: true })),
  fc.constantFrom('y', 'process', 'constructor', 'import', 'end', 'true', '"s"', 'i', '5 cm', '[1, 2]', 'x1[1]', '{a: 1}', '1:3').map((text) => ({ text, safe: false })),
);

const tree: fc.Arbitrary<Gen> = fc.letrec<{ t: Gen }>((tie) => ({
  t: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.tuple(tie('t'), fc.constantFrom('+', '-', '*', '/', '^'), tie('t')).map(([a, op, b]) => ({ text: `(${a.text}) ${op} (${b.text})`, safe: a.safe && b.safe })),
    tie('t').map((a) => ({ text: `-(${a.text})`, safe: a.safe })),
    fc.tuple(fc.constantFrom('sqrt', 'exp', 'log', 'sin', 'cos', 'asin', 'acos', 'tanh', 'atanh'), tie('t')).map(([f, a]) => ({ text: `${f}(${a.text})`, safe: a.safe })),
    fc.tuple(fc.constantFrom('size', 'zeros', 'evaluate', 'abs', 'sinh', 'f'), tie('t')).map(([f, a]) => ({ text: `${f}(${a.text})`, safe: false })),
    fc.tuple(tie('t'), fc.constantFrom('mod', '==', 'and', '%', '!'), tie('t')).map(([a, op, b]) => ({ text: op === '!' ? `(${a.text})!` : `(${a.text}) ${op} (${b.text})`, safe: false })),
  ),
})).t;

describe('fuzzing the model reader', () => {
  it('answers any JSON value with a model or a one-line error naming the file', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom('whole', 'expression', 'outputs', 'symbols'), (value, where) => {
        const base = model('x1 * x2');
        const raw = where === 'whole' ? value : where === 'expression' ? model('x1 * x2', value) : where === 'outputs' ? { ...base, outputs: value } : { ...base, symbols: value };
        try {
          checkModel(raw, 'fuzz.json');
        } catch (e) {
          expect(e).toBeInstanceOf(CaluError);
          expect((e as Error).message).toMatch(/^fuzz\.json: [^\n]*$/);
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('accepts a random mathjs tree exactly when it uses only what calu writes, and then predicts what mathjs computes', () => {
    const rows = [[1.5, -2], [-0.5, 3], [2, 0.25]];
    fc.assert(
      fc.property(tree, (g) => {
        let node: MathNode;
        try {
          node = full.parse(g.text);
        } catch {
          return; // text that does not parse is no tree at all
        }
        const m = model(g.text, JSON.parse(JSON.stringify(node)));
        let accepted = true;
        try {
          checkModel(m, 'tree.json');
        } catch (e) {
          accepted = false;
          expect(e).toBeInstanceOf(CaluError);
          expect((e as Error).message).toMatch(/^tree\.json: outputs\[0\][^\n]*$/);
        }
        expect(accepted).toBe(g.safe);
        if (accepted) expect(predict(m, rows).map((r) => r[0])).toEqual([...evaluateFormula(node, ['x1', 'x2'], rows)]);
      }),
      { numRuns: 600 },
    );
  });
});
