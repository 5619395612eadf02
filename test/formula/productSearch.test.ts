import { describe, expect, it } from 'vitest';
import { selectFactors } from '../../src/formula/productSearch.ts';
import { Random } from '../../src/util/random.ts';

const n = 200;
const rng = new Random(11);
const column = () => Float64Array.from({ length: n }, () => rng.between(-1, 1));
const ones = Float64Array.from({ length: n }, () => 1);

/** Groups of two random columns each: group g is [a_g, b_g]. */
const groups = Array.from({ length: 12 }, () => [column(), column()]);
const logX = column();

function combine(terms: Array<[number, Float64Array]>): Float64Array {
  const out = new Float64Array(n);
  for (const [c, v] of terms) v.forEach((x, i) => (out[i] += c * x));
  return out;
}

describe('forward selection of log-factor groups', () => {
  it('picks the groups a log-linear target is made of, among distractors, strongest first', () => {
    const logY = combine([[0.7, ones], [2, logX], [3, groups[4][0]], [-1, groups[4][1]], [1.5, groups[9][1]]]);
    expect(selectFactors([ones, logX], logY, groups, 3)).toEqual([4, 9]);
  });

  it('gives nothing when the base alone is exact, or when no few groups make the target exact', () => {
    expect(selectFactors([ones, logX], combine([[1, ones], [2, logX]]), groups, 3)).toEqual([]);
    const four = combine([[1, groups[0][0]], [1, groups[1][0]], [1, groups[2][0]], [1, groups[3][0]]]);
    expect(selectFactors([ones, logX], four, groups, 3)).toEqual([]);
    expect(selectFactors([ones, logX], four, groups, 4).sort((a, b) => a - b)).toEqual([0, 1, 2, 3]);
  });

  it('skips a factor with no column on these rows (null), and a group in the span of the basis', () => {
    const partial = [[null, groups[2][1]], [logX, ones], ...groups.slice(3)] as Array<Array<Float64Array | null>>;
    const logY = combine([[1, logX], [-2, groups[2][1]]]);
    expect(selectFactors([ones, logX], logY, partial, 3)).toEqual([0]);
  });
});
