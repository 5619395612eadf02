import type { MathNode } from 'mathjs';

/** What one language's export needs: its preamble, its reserved words, and how it writes a function. */
export interface Emitter {
  /** What the output starts with (imports, includes), or ''. */
  prelude: string;
  /** Names a parameter or a function may not take: keywords, and the names the emitted code itself uses. */
  reserved: ReadonlySet<string>;
  comment(text: string): string;
  /**
   * The function for one target. `params` are the parameter names, in input
   * order; `names` maps each symbol of the formula to its parameter name.
   */
  fn(name: string, params: string[], node: MathNode, names: ReadonlyMap<string, string>): string;
}

export const PYTHON_KEYWORDS = [
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif', 'else', 'except',
  'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or', 'pass', 'raise', 'return', 'try',
  'while', 'with', 'yield',
];
