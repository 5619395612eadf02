/**
 * Which further factors make log|y| exact, by forward selection.
 *
 * A product of several transcendental factors of different arguments, such
 * as I0 (sin(alpha/2) sin(n delta/2)/(alpha/2 sin(delta/2)))^2 or a damped
 * oscillation a exp(-t/tau) cos(omega t), is no product of one block's
 * factors: its logarithm is linear in log x_j and in the log-factors of
 * two or three arguments. A frozen block gives one of them; the others are
 * picked here from a dictionary of arguments, each a group of log-factor
 * columns (cos, sin, 1 - cos of c u; or c u, log|E - 1|, log(E + 1) for
 * E = exp(c u)), the group that lowers the residual most first. The columns
 * are projected off the basis chosen so far, so each step costs one pass
 * over the dictionary.
 */

/** A unit of a feature block: exp(w u), u the monomial of `exponents`, w = re + i im (im: a turn). */
export interface ArgumentUnit {
  exponents: number[];
  weight: [number, number];
}

/** Units and the log|factor| columns of each on some rows (null where a factor has a zero there). */
export interface Dictionary {
  units: ArgumentUnit[];
  groups: Array<Array<Float64Array | null>>;
  /** How many of the leading rows the columns cover. */
  rows: number;
}

/** Relative residual of log|y| under which a product counts as found (the float64 screen is the verdict). */
export const EXACT_LOG = 1e-4;

/**
 * The indices of at most `most` groups that, with the `base` columns, fit
 * `logY` within EXACT_LOG (relative to its spread), in the order chosen;
 * [] when no such choice is found.
 */
export function selectFactors(base: Float64Array[], logY: Float64Array, groups: Array<Array<Float64Array | null>>, most: number): number[] {
  const mean = logY.reduce((a, b) => a + b, 0) / logY.length;
  const spread = norm(logY.map((v) => v - mean)) || 1;
  const chosen: number[] = [];
  let left = residualOf(base, groups, chosen, logY);
  while (chosen.length < most && left.relative(spread) > EXACT_LOG) {
    const best = bestGroup(groups, left, chosen);
    if (best < 0) break;
    chosen.push(best);
    left = residualOf(base, groups, chosen, logY);
  }
  // A greedy pick may stand in for the trend of factors still to come (exp(2a) for sin(a/2)^2/a^2, exp(-b/c) for 1 - cos(b/c)): each pick is put back to the best given the others.
  for (let pass = 0; pass < 2 && left.relative(spread) > EXACT_LOG; pass++) {
    for (let i = 0; i < chosen.length; i++) {
      const others = chosen.filter((_, j) => j !== i);
      const best = bestGroup(groups, residualOf(base, groups, others, logY), others);
      if (best >= 0 && best !== chosen[i]) chosen[i] = best;
    }
    left = residualOf(base, groups, chosen, logY);
  }
  return left.relative(spread) <= EXACT_LOG ? chosen : [];
}

/** An orthonormal basis of the base and the chosen groups' columns, and what of logY it leaves. */
interface Left {
  basis: Float64Array[];
  r: Float64Array;
  relative(spread: number): number;
}

function residualOf(base: Float64Array[], groups: Array<Array<Float64Array | null>>, chosen: number[], logY: Float64Array): Left {
  const basis: Float64Array[] = [];
  for (const c of [...base, ...chosen.flatMap((g) => groups[g])]) if (c) orthogonalize(c, [basis], basis);
  const r = Float64Array.from(logY);
  for (const q of basis) axpy(-dot(q, r), q, r);
  return { basis, r, relative: (spread) => norm(r) / spread };
}

/** The group, not yet chosen, whose columns take most of the residual; -1 when none takes any. */
function bestGroup(groups: Array<Array<Float64Array | null>>, left: Left, chosen: number[]): number {
  let best = -1;
  let bestGain = 0;
  groups.forEach((group, g) => {
    if (chosen.includes(g)) return;
    const vectors: Float64Array[] = [];
    for (const c of group) if (c) orthogonalize(c, [left.basis, vectors], vectors);
    const gain = vectors.reduce((s, v) => s + dot(v, left.r) ** 2, 0);
    if (gain > bestGain) {
      best = g;
      bestGain = gain;
    }
  });
  return best;
}

/** c less its projection on every vector of `against`, normalized and pushed onto `target`; nothing when it lies in their span. */
function orthogonalize(c: Float64Array, against: Float64Array[][], target: Float64Array[]): void {
  const v = Float64Array.from(c);
  const before = norm(v);
  // Twice, for the orthogonality that one pass of Gram-Schmidt loses on nearly dependent columns.
  for (let pass = 0; pass < 2; pass++) for (const set of against) for (const q of set) axpy(-dot(q, v), q, v);
  const after = norm(v);
  if (!(after > 1e-8 * before)) return;
  v.forEach((_, i) => (v[i] /= after));
  target.push(v);
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

function norm(a: Float64Array): number {
  return Math.sqrt(dot(a, a));
}

/** y += a x */
function axpy(a: number, x: Float64Array, y: Float64Array): void {
  for (let i = 0; i < y.length; i++) y[i] += a * x[i];
}
