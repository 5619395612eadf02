import type { MathNode } from 'mathjs';
import { PRINTED_NAMES } from '../formula/safeName.ts';

const GREEK = new Set([
  'alpha', 'beta', 'gamma', 'delta', 'epsilon', 'varepsilon', 'zeta', 'eta', 'theta', 'vartheta', 'iota', 'kappa', 'lambda', 'mu', 'nu',
  'xi', 'rho', 'varrho', 'sigma', 'tau', 'upsilon', 'phi', 'varphi', 'chi', 'psi', 'omega',
  'Gamma', 'Delta', 'Theta', 'Lambda', 'Xi', 'Pi', 'Sigma', 'Upsilon', 'Phi', 'Psi', 'Omega',
]);

/**
 * LaTeX for a formula tree, with subscripts for indexed names (p0 -> p_{0},
 * omega_0 -> \omega_{0}) and products written by juxtaposition (x_{1} x_{2}).
 * symbols: every symbol of the fit, in column order, so that each column's
 * LaTeX is its own across all its formulas (see latexNames); without them,
 * names are kept apart within this formula.
 */
export function toLatex(node: MathNode, symbols?: string[]): string {
  const names = latexNames(symbols ?? symbolsIn(node));
  return node.toTex({ parenthesis: 'keep', implicit: 'hide', handler: handler(names) });
}

/** The LaTeX for a column name on its own. A column named like a constant (e, i) is set apart: \mathit{e}. */
export function symbolLatex(name: string): string {
  const clean = name.replace(/_+$/, '');
  if (PRINTED_NAMES.has(clean)) return `\\mathit{${clean}}`;
  const m = /^([A-Za-z]+?)_?(\d+)$/.exec(clean) ?? /^([A-Za-z][A-Za-z0-9]*?)_([A-Za-z0-9_]+)$/.exec(clean);
  if (m) return `${word(m[1])}_{${m[2].split('_').map(word).join(',')}}`;
  // Any other underscore is part of the name, not a subscript (__x, a__b).
  if (clean === '' || clean.includes('_')) return `\\mathit{${(clean || name).replace(/_/g, '\\_')}}`;
  return word(clean);
}

/**
 * One LaTeX name per symbol, none shared: x1 and x_1 would both read x_{1},
 * so the first in column order keeps that and the other is written as it is
 * spelled, \mathit{x\_1}.
 */
export function latexNames(symbols: string[]): Map<string, string> {
  const tex = uniqueLatex(symbols);
  return new Map(symbols.map((s, i) => [s, tex[i]]));
}

/** symbolLatex of each name, in order, with a later name that would print like an earlier one written as spelled. */
export function uniqueLatex(names: string[]): string[] {
  const used = new Set<string>();
  return names.map((s) => {
    let tex = symbolLatex(s);
    if (used.has(tex)) tex = `\\mathit{${s.replace(/_/g, '\\_')}}`;
    while (used.has(tex)) tex += "'";
    used.add(tex);
    return tex;
  });
}

function symbolsIn(node: MathNode): string[] {
  const out: string[] = [];
  node.traverse((n, path) => {
    const name = (n as unknown as { name: string }).name;
    // (A function's name is a symbol node too, at path "fn".)
    if (n.type === 'SymbolNode' && path !== 'fn' && !CONSTANTS.has(name) && !out.includes(name)) out.push(name);
  });
  return out;
}

/** Constants a formula prints, which keep mathjs's own LaTeX (\pi). */
const CONSTANTS = new Set(['pi', 'e']);

function word(w: string): string {
  if (GREEK.has(w)) return `\\${w}`;
  if (/^\d+$/.test(w) || w.length === 1) return w;
  return `\\mathit{${w}}`;
}

type Handler = (node: MathNode, options: object) => string | undefined;

const handler = (names: Map<string, string>): Handler => function latex(node, options) {
  const n = node as MathNode & { name?: string; op?: string; args?: MathNode[] };
  if (node.type === 'SymbolNode' && !CONSTANTS.has(n.name!)) return names.get(n.name!) ?? symbolLatex(n.name!);
  // Euler's number upright, as ISO 80000-2 writes it, apart from any column's italic e.
  if (node.type === 'SymbolNode' && n.name === 'e') return '\\mathrm{e}';
  if (node.type !== 'OperatorNode' || n.args?.length !== 2) return undefined;
  const [a, b] = n.args;
  if (n.op === '*') {
    // Juxtapose, as in x_{1} x_{2}, unless two numbers would run together.
    return b.type === 'ConstantNode' ? `${a.toTex(options)} \\cdot ${b.toTex(options)}` : `${a.toTex(options)} ${b.toTex(options)}`;
  }
  // A fraction bar and an exponent already group their contents: drop the text's parentheses.
  if (n.op === '/') return `\\frac{${bare(a).toTex(options)}}{${bare(b).toTex(options)}}`;
  // A plain (subscripted) name takes its exponent directly, so KaTeX stacks p_{0}^{2}.
  if (n.op === '^') return a.type === 'SymbolNode' ? `${a.toTex(options)}^{${bare(b).toTex(options)}}` : `{${a.toTex(options)}}^{${bare(b).toTex(options)}}`;
  return undefined;
};

function bare(node: MathNode): MathNode {
  return node.type === 'ParenthesisNode' ? bare((node as unknown as { content: MathNode }).content) : node;
}
