import { parse, type MathNode } from 'mathjs';

/**
 * Unicode math for a formula tree, for terminals and plain text:
 * p0^2 - p1^2 becomes p₀² − p₁², x1 * x2 becomes x₁·x₂, pi becomes π.
 * Like the LaTeX export it prints the mathjs tree itself (mathjs decides
 * the parentheses), so the two cannot disagree about what the formula is.
 */
export function toUnicode(node: MathNode): string {
  const text = node.toString({ parenthesis: 'keep', implicit: 'hide', handler });
  // Every '-' left is an operator: numbers and exponents were printed without one.
  return text.replace(/ \* /g, '·').replace(/ ([/^]) /g, '$1').replace(/-/g, '−');
}

/** Unicode math for formula text in mathjs syntax (as in FitResult.outputs[].formula). */
export function formulaUnicode(formula: string): string {
  return toUnicode(parse(formula));
}

const GREEK: Record<string, string> = {
  alpha: 'α', beta: 'β', gamma: 'γ', delta: 'δ', epsilon: 'ε', varepsilon: 'ε', zeta: 'ζ', eta: 'η', theta: 'θ', vartheta: 'ϑ',
  iota: 'ι', kappa: 'κ', lambda: 'λ', mu: 'μ', nu: 'ν', xi: 'ξ', rho: 'ρ', varrho: 'ϱ', sigma: 'σ', tau: 'τ', upsilon: 'υ',
  phi: 'φ', varphi: 'φ', chi: 'χ', psi: 'ψ', omega: 'ω', Gamma: 'Γ', Delta: 'Δ', Theta: 'Θ', Lambda: 'Λ', Xi: 'Ξ', Pi: 'Π',
  Sigma: 'Σ', Upsilon: 'Υ', Phi: 'Φ', Psi: 'Ψ', Omega: 'Ω',
};
const SUB: Record<string, string> = {
  0: '₀', 1: '₁', 2: '₂', 3: '₃', 4: '₄', 5: '₅', 6: '₆', 7: '₇', 8: '₈', 9: '₉',
  a: 'ₐ', e: 'ₑ', h: 'ₕ', i: 'ᵢ', j: 'ⱼ', k: 'ₖ', l: 'ₗ', m: 'ₘ', n: 'ₙ', o: 'ₒ', p: 'ₚ', r: 'ᵣ', s: 'ₛ', t: 'ₜ', u: 'ᵤ', v: 'ᵥ', x: 'ₓ',
};
const SUP: Record<string, string> = { 0: '⁰', 1: '¹', 2: '²', 3: '³', 4: '⁴', 5: '⁵', 6: '⁶', 7: '⁷', 8: '⁸', 9: '⁹', '-': '⁻' };

/** A column name in Unicode: p0 -> p₀, omega_0 -> ω₀, x_max -> xₘₐₓ; names it cannot subscript stay as they are. */
export function symbolUnicode(name: string): string {
  if (name === 'pi') return 'π';
  const clean = name.replace(/_+$/, '');
  const m = /^([A-Za-z]+?)_?(\d+)$/.exec(clean) ?? /^([A-Za-z][A-Za-z0-9]*?)_([A-Za-z0-9]+)$/.exec(clean);
  if (m && [...m[2]].every((c) => SUB[c])) return word(m[1]) + [...m[2]].map((c) => SUB[c]).join('');
  return word(clean) === clean ? name : word(clean);
}

function word(w: string): string {
  return GREEK[w] ?? w;
}

/** A number as it reads in math: 2.5e-7 becomes 2.5×10⁻⁷. */
export function numberUnicode(value: number): string {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? 'NaN' : value > 0 ? '∞' : '−∞';
  const text = String(Math.abs(value));
  const m = /^([\d.]+)e([+-]\d+)$/.exec(text);
  const body = m ? `${m[1]}×10${superscript(String(Number(m[2])))}` : text;
  return value < 0 ? `−${body}` : body;
}

function superscript(digits: string): string {
  return [...digits].map((c) => SUP[c]).join('');
}

type Handler = (node: MathNode, options: object) => string | undefined;

const handler: Handler = (node, options) => {
  const n = node as MathNode & { name?: string; op?: string; fn?: { name?: string }; args?: MathNode[]; value?: unknown };
  if (node.type === 'SymbolNode') return symbolUnicode(n.name!);
  if (node.type === 'ConstantNode' && typeof n.value === 'number') return numberUnicode(n.value);
  if (node.type === 'FunctionNode' && n.fn?.name === 'sqrt' && n.args?.length === 1) {
    const arg = n.args[0];
    const inner = arg.toString(options);
    return arg.type === 'SymbolNode' || arg.type === 'ConstantNode' ? `√${inner}` : `√(${bare(arg).toString(options)})`;
  }
  if (node.type === 'OperatorNode' && n.op === '^' && n.args?.length === 2) {
    const power = integerPower(n.args[1]);
    if (power !== null) return `${n.args[0].toString(options)}${superscript(String(power))}`;
  }
  return undefined;
};

/** The exponent as an integer when it is one written plainly (2, -1, (-1)), else null. */
function integerPower(node: MathNode): number | null {
  const n = bare(node) as MathNode & { op?: string; fn?: string; args?: MathNode[]; value?: unknown };
  if (n.type === 'ConstantNode' && typeof n.value === 'number' && Number.isInteger(n.value)) return n.value;
  if (n.type === 'OperatorNode' && n.fn === 'unaryMinus' && n.args?.length === 1) {
    const inner = integerPower(n.args[0]);
    return inner === null ? null : -inner;
  }
  return null;
}

function bare(node: MathNode): MathNode {
  return node.type === 'ParenthesisNode' ? bare((node as unknown as { content: MathNode }).content) : node;
}
