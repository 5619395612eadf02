import { CaluError } from '../errors.ts';

/**
 * Training runs in float32 (TensorFlow.js has no float64), and a CALUm unit
 * reads an input through ln(|x| + 1e-8). Values far from 1 break both: a
 * 1e300 is Infinity in float32 and every restart's loss is NaN; values
 * below 1e-8 all look alike; a target of 1e-20 gives its loss no weight.
 *
 * So a column whose largest magnitude lies outside the window below is
 * divided, for training only, by the power of two nearest it. A monomial has
 * the same exponents in x and x/s, and every reading refits its last layer
 * in float64 on the data as it is, so the formulas come out in the data's
 * own units. Columns inside the window (nearly all data) train as written.
 *
 * One column can still span more than float32 holds: those data are
 * refused before training (checkFloat32Range).
 */

/** Largest magnitudes from 2^-20 (about 1e-6) to 2^40 (about 1e12) train as written. */
const WINDOW = { low: 2 ** -20, high: 2 ** 40 };

/** Powers of ten below a column's largest magnitude that float32 still holds once the column is rescaled. */
export const FLOAT32_DECADES = 37;

/** The power of two a column is divided by for training: 1 inside the window. */
export function trainingScale(column: ArrayLike<number>): number {
  const top = maxMagnitude(column);
  if (top === 0 || !Number.isFinite(top) || (top >= WINDOW.low && top <= WINDOW.high)) return 1;
  return 2 ** Math.round(Math.log2(top));
}

/** Columns as training sees them: each divided by its trainingScale. */
export function scaledForTraining(columns: number[][]): number[][] {
  return columns.map((col) => {
    const s = trainingScale(col);
    return s === 1 ? col : col.map((v) => v / s);
  });
}

/**
 * Refuses, in one line, an input column whose nonzero values span more
 * powers of ten than float32 holds, even rescaled (1e-300 beside 1e300):
 * training would see most of them as 0 or Infinity.
 */
export function checkFloat32Range(source: string, names: string[], columns: ArrayLike<number>[]): void {
  columns.forEach((col, j) => {
    const top = maxMagnitude(col);
    let bottom = Infinity;
    for (let i = 0; i < col.length; i++) {
      const a = Math.abs(col[i]);
      if (a !== 0 && a < bottom) bottom = a;
    }
    if (top === 0 || bottom === Infinity) return;
    const decades = Math.log10(top) - Math.log10(bottom);
    if (decades > FLOAT32_DECADES) {
      throw new CaluError(
        `${source}: column "${names[j]}" holds values from ${fmt(bottom)} to ${fmt(top)} in size, ${Math.round(decades)} powers of ten apart; ` +
          `training runs in float32, which cannot hold more than ${FLOAT32_DECADES} in one column, even rescaled`,
      );
    }
  });
}

function maxMagnitude(column: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < column.length; i++) m = Math.max(m, Math.abs(column[i]));
  return m;
}

function fmt(v: number): string {
  return v.toExponential(1);
}
