import { distinctMonomials, type SnappedLayer } from './evaluate.ts';
import { refitSum } from './refit.ts';
import { augment, featureCount, type Split } from './features.ts';
import type { Rows } from '../data/rows.ts';

/**
 * The same sum over other multiples of an angle. A trained network may
 * write U cos(k d) as U cos(k d/2)^2 - U sin(k d/2)^2, or 2 U (1 - cos(k d))
 * as 4 U sin(k d/2)^2: double angles. For a block whose unit is a pure
 * turn exp(i b u), this gives the network with b doubled and halved, its
 * sum refitted over every monomial of the inputs the old sum used times
 * 1, cos and sin of the new angle. The formula reader keeps whichever
 * exact form prints shortest.
 */
export function angleForms(split: Split, rows: Rows): Split[] {
  const { block, tail } = split;
  const last = block[block.length - 1];
  // Only an m -> e block read by an m -> a sum, with one turn.
  if (block.length !== 2 || last?.kind !== 'caluE' || last.weights.length !== 1 || tail.length !== 2) return [];
  if (last.weights[0].some((w) => w !== 0) || !last.imag?.[0].some((w) => w !== 0)) return [];
  const D = tail[0].weights[0].length - featureCount(block);
  const parts = distinctMonomials(tail[0].weights.filter((_, h) => tail[1].weights[0][h] !== 0).map((e) => [...e.slice(0, D), 0, 0]));
  const out: Split[] = [];
  for (const factor of [2, 0.5]) {
    const turned: SnappedLayer[] = [block[0], { ...last, imag: [last.imag[0].map((w) => w * factor)] }];
    // Each monomial of the inputs, times 1, cos and sin of the new angle (augmented columns D and D + 1).
    const terms = parts.flatMap((p) => [p, withFeature(p, D, 1), withFeature(p, D + 1, 1)]);
    const sum = refitSum(terms, { x: augment(turned, rows.x), y: rows.y, precision: rows.precision });
    if (sum) out.push({ block: turned, tail: sum });
  }
  return out;
}

function withFeature(e: number[], col: number, power: number): number[] {
  const out = [...e];
  out[col] = power;
  return out;
}
