import { describe, expect, it } from 'vitest';
import { differenceVariance, nearestNeighbours, neighbourCorrelation, noiseLike, noiseTolerance, withinNoise } from '../../src/result/noise.ts';
import { Random } from '../../src/util/random.ts';

/** Rows of 3 inputs in [1, 5], y = x1 x2 / x3^2, and Gaussian noise of standard deviation level * RMS(y). */
function noisy(n: number, level: number, seed: number) {
  const rng = new Random(seed);
  const x = Array.from({ length: n }, () => [rng.between(1, 5), rng.between(1, 5), rng.between(1, 5)]);
  const clean = x.map(([a, b, c]) => (a * b) / (c * c));
  const sigma = level * Math.sqrt(clean.reduce((s, v) => s + v * v, 0) / n);
  return { x, clean, sigma, y: clean.map((v) => v + sigma * rng.normal()) };
}

describe('the noise estimate', () => {
  for (const [level, n] of [[0.001, 1000], [0.01, 1000], [0.1, 500]] as const) {
    it(`finds noise of ${level} of the RMS within 10% from the residuals of the true formula (${n} rows)`, () => {
      const d = noisy(n, level, 4);
      const estimate = Math.sqrt(differenceVariance(d.y.map((v, i) => v - d.clean[i]), nearestNeighbours(d.x)));
      expect(estimate / d.sigma).toBeGreaterThan(0.9);
      expect(estimate / d.sigma).toBeLessThan(1.1);
    });
  }

  it('hardly sees a smooth misfit in the differences, and the residuals of neighbours are alike, so the misfit is not within noise', () => {
    const d = noisy(1000, 0.01, 5);
    const nb = nearestNeighbours(d.x);
    // A formula 3% off on average, linearly in x1: residuals far above the noise, smooth between neighbours.
    const wrong = d.y.map((v, i) => v - d.clean[i] * (1 + 0.03 * (d.x[i][0] - 3)));
    const right = d.y.map((v, i) => v - d.clean[i]);
    const ms = (r: number[]) => r.reduce((s, v) => s + v * v, 0) / r.length;
    const variance = differenceVariance(right, nb);
    expect(withinNoise(ms(right), variance, 1000, nb.pairs.length, neighbourCorrelation(right, nb))).toBe(true);
    expect(withinNoise(ms(wrong), variance, 1000, nb.pairs.length, neighbourCorrelation(wrong, nb))).toBe(false);
    const noise = neighbourCorrelation(right, nb);
    expect(noise.pairs).toBeGreaterThan(500);
    expect(Math.abs(noise.correlation)).toBeLessThan(3 / Math.sqrt(noise.pairs));
    expect(neighbourCorrelation(wrong, nb).correlation).toBeGreaterThan(0.5);
    // The difference variance of the wrong residuals stays near the noise, well below their mean square.
    expect(differenceVariance(wrong, nb)).toBeLessThan(ms(wrong) / 2);
  });

  it('pairs every row with its nearest other row, inputs scaled to [0, 1]', () => {
    const nb = nearestNeighbours([[0, 0], [0, 10], [1, 0], [0, 9]]);
    // Scaled, [0, 9] is nearer [0, 0] than [1, 0] is.
    expect(nb.pairs).toEqual([[0, 3], [1, 3], [2, 0], [3, 1]]);
  });

  it('allows more excess over the noise the fewer rows judge it', () => {
    expect(noiseTolerance(200, 1000)).toBeCloseTo(2.5 * Math.sqrt(0.01 + 0.003), 12);
    expect(noiseTolerance(20, 100)).toBeGreaterThan(noiseTolerance(200, 1000));
    const uncorrelated = { correlation: 0, pairs: 700 };
    expect(withinNoise(1.2, 1, 200, 1000, uncorrelated)).toBe(true);
    expect(withinNoise(1.3, 1, 200, 1000, uncorrelated)).toBe(false);
    expect(withinNoise(NaN, 1, 200, 1000, uncorrelated)).toBe(false);
    // Residuals alike at neighbouring rows are a misfit, however small their mean square.
    expect(withinNoise(1, 1, 200, 1000, { correlation: 0.12, pairs: 700 })).toBe(false);
  });
});

describe('noiseLike', () => {
  // 400 rows on 6 inputs: nearest rows are far apart, as on many-input data.
  const rng = new Random(21);
  const x = Array.from({ length: 400 }, () => Array.from({ length: 6 }, () => rng.uniform()));
  const nb = nearestNeighbours(x);

  it('takes residuals that are the same at any distance for noise', () => {
    const noise = new Random(4);
    expect(noiseLike(x.map(() => noise.normal()), nb)).toBe(true);
  });

  it('refuses a smooth misfit that grows with the distance between neighbours, which the plain difference variance would count as noise', () => {
    const smooth = x.map((row) => 3 * row[0] * row[1] - row[2] ** 2 + Math.sin(4 * row[3]));
    expect(noiseLike(smooth, nb)).toBe(false);
  });

  it('takes residuals that are all zero', () => {
    expect(noiseLike(x.map(() => 0), nb)).toBe(true);
  });
});
