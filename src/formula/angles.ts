import { distinctMonomials, monomials, type SnappedLayer } from './evaluate.ts';
import { eliminateByHalves } from './sparse.ts';
import { augment, featureCount, type Split } from './features.ts';
import type { Rows } from '../data/rows.ts';

/**
 * The same sum over other powers and multiples of an angle. A trained
 * network may write U cos(k d) as U cos(k d/2)^2 - U sin(k d/2)^2, or
 * -sin(beta)^2 as cos(beta)^2 - 1. For a block whose unit is a pure turn
 * exp(i b u), this gives the network with b as it is, doubled and halved,
 * its sum chosen afresh, by elimination by halves, from every monomial of
 * the inputs the old sum used times 1, cos, sin, cos^2, sin^2 and cos sin
 * of that angle: the sparsest exact sum. The formula reader keeps
 * whichever exact form prints shortest.
 */
export function angleForms(split: Split, rows: Rows): Split[] {
  const { block, tail } = split;
  const last = block[block.length - 1];
  // Only an m -> e block read by an m -> a sum, with one turn.
  if (block.length !== 2 || last?.kind !== 'caluE' || last.weights.length !== 1 || tail.length !== 2) return [];
  if (last.weights[0].some((w) => w !== 0) || !last.imag?.[0].some((w) => w !== 0)) return [];
  const D = tail[0].weights[0].length - featureCount(block);
  const parts = distinctMonomials(tail[0].weights.filter((_, h) => tail[1].weights[0][h] !== 0).map((e) => [...e.slice(0, D), 0, 0]));
  const turns: Array<[number, number]> = [[0, 0], [1, 0], [0, 1], [2, 0], [0, 2], [1, 1]];
  const terms = parts.flatMap((p) => turns.map(([c, s]) => [...p.slice(0, D), c, s]));
  // Exact: float64 rounding, or the precision the target was written with (as a stage's pool).
  let yy = 0;
  let dd = 0;
  rows.y.forEach((t, i) => {
    yy += t[0] * t[0];
    dd += rows.precision[i][0] ** 2;
  });
  const tolerance = Math.max(1e-9, 3 * Math.sqrt(dd / Math.max(yy, 1e-300)));
  const out: Split[] = [];
  for (const factor of [1, 2, 0.5]) {
    const turned: SnappedLayer[] = [block[0], { ...last, imag: [last.imag[0].map((w) => w * factor)] }];
    const x = augment(turned, rows.x);
    const features = terms.map((e) => x.map((row) => monomials([e], row)[0]));
    const sel = eliminateByHalves(features, rows.y.map((t) => t[0]), tolerance);
    if (sel) out.push({ block: turned, tail: [{ kind: 'caluM', weights: sel.columns.map((c) => terms[c]) }, { kind: 'caluA', weights: [sel.coefficients] }] });
  }
  return out;
}
