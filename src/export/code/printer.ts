import type { MathNode } from 'mathjs';
import { CaluError } from '../../errors.ts';

/** How one language writes the parts of an arithmetic expression. */
export interface Dialect {
  /** A non-negative number literal (its sign is printed as a unary minus). */
  number(value: number): string;
  /**
   * An integer in a subtree without symbols, such as both sides of 3/2,
   * where the language would otherwise compute with integers (C, Julia) or
   * in floats (Python, for sympy): 3.0, sympy.Integer(3). Absent: as is.
   */
  numericInteger?(text: string): string;
  /** An integer literal as the base of a power, where the language needs it written otherwise (Julia: 2.0). */
  integerBase?(text: string): string;
  /** pi and e, as exact as the language can say them. */
  constant(name: 'pi' | 'e'): string;
  /** A function of mathjs's (sqrt, abs, exp, log, sin, cos, asin, acos, tanh, atanh) in the language. */
  call(name: string, args: string[]): string;
  /** a^b: an infix operator with its spacing (' ** ', '^'), or a function call. */
  power: string | ((base: string, exponent: string) => string);
}

/** Binding strength of what a printed expression is, weakest first. */
const SUM = 1;
const PRODUCT = 2;
const NEGATION = 3;
const POWER = 4;
const ATOM = 5;

interface Printed {
  text: string;
  level: number;
}

type Node = MathNode & { name?: string; op?: string; fn?: string | { name?: string }; args?: MathNode[]; value?: unknown; content?: MathNode; implicit?: boolean };

/** The functions a formula may call: those calu writes (see model/safeMath.ts), and abs. */
const FUNCTIONS = ['sqrt', 'abs', 'exp', 'log', 'sin', 'cos', 'asin', 'acos', 'tanh', 'atanh'];

const BINARY: Record<string, { op: string; level: number }> = {
  add: { op: '+', level: SUM },
  subtract: { op: '-', level: SUM },
  multiply: { op: '*', level: PRODUCT },
  divide: { op: '/', level: PRODUCT },
};

/**
 * Prints a formula tree in another language. Parentheses follow the tree,
 * not mathjs's text: every operand that binds no tighter than its operator
 * is wrapped, so a - (b - c) and a * (b / c) keep the order mathjs
 * evaluates them in (float results match to the last bit), and a unary
 * minus never meets a power unwrapped (-x ** 2 is a syntax error in
 * JavaScript). `names` maps each input symbol to its parameter name.
 */
export function printExpression(node: MathNode, dialect: Dialect, names: ReadonlyMap<string, string>): string {
  return print(node as Node, dialect, names, !hasSymbol(node)).text;
}

function print(node: Node, d: Dialect, names: ReadonlyMap<string, string>, numericParent: boolean): Printed {
  const sub = (n: MathNode, parentNumeric = !hasSymbol(node)) => print(n as Node, d, names, parentNumeric);
  switch (node.type) {
    case 'ParenthesisNode':
      return print(node.content as Node, d, names, numericParent);
    case 'ConstantNode': {
      const v = node.value;
      if (typeof v !== 'number' || !Number.isFinite(v)) throw new CaluError(`cannot export the constant ${String(v)}`);
      const abs = Math.abs(v);
      let text = d.number(abs);
      if (Number.isInteger(abs) && numericParent && d.numericInteger) text = d.numericInteger(text);
      return v < 0 || Object.is(v, -0) ? { text: `-${text}`, level: NEGATION } : { text, level: ATOM };
    }
    case 'SymbolNode': {
      if (node.name === 'pi' || node.name === 'e') return { text: d.constant(node.name), level: ATOM };
      const name = names.get(node.name!);
      if (name === undefined) throw new CaluError(`the formula uses "${node.name}", which is not an input`);
      return { text: name, level: ATOM };
    }
    case 'FunctionNode': {
      const fn = typeof node.fn === 'object' ? node.fn.name : undefined;
      if (!fn || !FUNCTIONS.includes(fn)) throw new CaluError(`cannot export the function ${fn ?? '?'}()`);
      return { text: d.call(fn, node.args!.map((a) => sub(a).text)), level: ATOM };
    }
    case 'OperatorNode': {
      const args = node.args!;
      const fn = node.fn as string;
      if (fn === 'unaryPlus') return sub(args[0], numericParent);
      if (fn === 'unaryMinus') return { text: `-${wrap(sub(args[0]), POWER)}`, level: NEGATION };
      if (fn === 'pow') {
        const [base, exponent] = [sub(args[0]), sub(args[1])];
        if (d.integerBase && base.level === ATOM && /^\d+$/.test(base.text)) base.text = d.integerBase(base.text);
        if (typeof d.power === 'function') return { text: d.power(base.text, exponent.text), level: ATOM };
        return { text: `${wrap(base, POWER)}${d.power}${wrap(exponent, POWER)}`, level: POWER };
      }
      const binary = BINARY[fn];
      if (!binary || args.length !== 2) throw new CaluError(`cannot export the operator ${node.op ?? fn}`);
      const [left, right] = [sub(args[0]), sub(args[1])];
      // The left operand stands unwrapped when it binds at least as tightly (a - b - c is (a - b) - c), the
      // right one only when it binds tighter: a - (b - c), a * (b / c). A negation on the right is wrapped: a * (-b).
      const rightText = right.level <= binary.level || right.level === NEGATION ? `(${right.text})` : right.text;
      return { text: `${wrap(left, binary.level - 1)} ${binary.op} ${rightText}`, level: binary.level };
    }
    default:
      throw new CaluError(`cannot export a ${node.type}`);
  }
}

/** The printed operand, in parentheses when it binds no tighter than `atMost`. */
function wrap(p: Printed, atMost: number): string {
  return p.level <= atMost ? `(${p.text})` : p.text;
}

/** True when the subtree names a symbol (an input, pi or e), so it is not plain numbers. */
function hasSymbol(node: Node): boolean {
  if (node.type === 'SymbolNode') return true;
  if (node.type === 'ParenthesisNode') return hasSymbol(node.content as Node);
  return (node.args ?? []).some((a) => hasSymbol(a as Node));
}
