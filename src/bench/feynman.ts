import { readFileSync } from 'node:fs';
import { compile } from 'mathjs';
import type { Random } from '../util/random.ts';

/** One equation of the AI Feynman development set (../shared/benchmarks/feynman-dev.tsv). */
export interface FeynmanEquation {
  id: string;
  /** A: one monomial; B: a sum of monomials; C: half-integer powers; D-sum: sums inside powers or denominators. */
  kind: string;
  formula: string;
  variables: Array<{ name: string; low: number; high: number }>;
}

export function readFeynman(path: string): FeynmanEquation[] {
  const lines = readFileSync(path, 'utf8').split('\n').filter((l) => l.trim() && !l.startsWith('id\t'));
  return lines.map((line) => {
    const [id, kind, formula, ...vars] = line.split('\t').map((s) => s.trim());
    return {
      id,
      kind,
      formula,
      variables: vars.filter(Boolean).map((v) => {
        const [name, low, high] = v.split(':');
        return { name, low: Number(low), high: Number(high) };
      }),
    };
  });
}

/**
 * Rows of an equation. 'train' draws every variable uniformly from its
 * range; 'test' from just beyond it, [high, 2*high - low], so the formula is
 * proved outside the training range. Rows where the formula is not a finite
 * real number are drawn again.
 */
export function feynmanRows(eq: FeynmanEquation, range: 'train' | 'test', n: number, rng: Random): { x: number[][]; y: number[] } {
  const code = compile(eq.formula);
  const x: number[][] = [];
  const y: number[] = [];
  for (let tries = 0; x.length < n && tries < 100 * n; tries++) {
    const row = eq.variables.map((v) => (range === 'train' ? rng.between(v.low, v.high) : rng.between(v.high, 2 * v.high - v.low)));
    const scope = Object.fromEntries(eq.variables.map((v, j) => [v.name, row[j]]));
    const value = code.evaluate(scope);
    if (typeof value !== 'number' || !Number.isFinite(value)) continue;
    x.push(row);
    y.push(value);
  }
  if (x.length < n) throw new Error(`${eq.id}: could not draw ${n} ${range} rows where the formula is defined`);
  return { x, y };
}
