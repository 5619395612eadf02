import type { MathNode } from 'mathjs';

const GREEK = new Set([
  'alpha', 'beta', 'gamma', 'delta', 'epsilon', 'varepsilon', 'zeta', 'eta', 'theta', 'vartheta', 'iota', 'kappa', 'lambda', 'mu', 'nu',
  'xi', 'rho', 'varrho', 'sigma', 'tau', 'upsilon', 'phi', 'varphi', 'chi', 'psi', 'omega',
  'Gamma', 'Delta', 'Theta', 'Lambda', 'Xi', 'Pi', 'Sigma', 'Upsilon', 'Phi', 'Psi', 'Omega',
]);

/**
 * LaTeX for a formula tree, with subscripts for indexed names (p0 -> p_{0},
 * omega_0 -> \omega_{0}) and products written by juxtaposition (x_{1} x_{2}).
 */
export function toLatex(node: MathNode): string {
  return node.toTex({ parenthesis: 'keep', implicit: 'hide', handler });
}

/** The LaTeX for a column name on its own. */
export function symbolLatex(name: string): string {
  const clean = name.replace(/_+$/, '');
  const m = /^([A-Za-z]+?)_?(\d+)$/.exec(clean) ?? /^([A-Za-z][A-Za-z0-9]*?)_([A-Za-z0-9_]+)$/.exec(clean);
  if (m) return `${word(m[1])}_{${m[2].split('_').map(word).join(',')}}`;
  return word(clean);
}

function word(w: string): string {
  if (GREEK.has(w)) return `\\${w}`;
  if (/^\d+$/.test(w) || w.length === 1) return w;
  return `\\mathit{${w}}`;
}

type Handler = (node: MathNode, options: object) => string | undefined;

const handler: Handler = (node, options) => {
  const n = node as MathNode & { name?: string; op?: string; args?: MathNode[] };
  if (node.type === 'SymbolNode' && n.name !== 'pi') return symbolLatex(n.name!);
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
