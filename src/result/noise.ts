/**
 * The noise level of a target, and whether a formula fits within it.
 *
 * The estimate is the difference-based variance of a formula's residuals:
 * half the mean square difference of the residuals at nearest-neighbour
 * rows (inputs scaled to [0, 1]). Noise that is independent from row to
 * row shows in full in those differences, while what the formula misses
 * is a smooth function of the inputs that nearly cancels between
 * neighbours (Rice's estimator, taken over neighbours in several inputs).
 * It is taken on the residuals of the candidate that fits the held-out
 * rows best, so that little smooth misfit is left to leak in.
 */

/** Rows the neighbour search looks at, at most: it costs rows^2 distances. */
const MAX_ROWS = 2000;

/** Nearest-neighbour pairs of rows, found once per fit. */
export interface Neighbours {
  /** [row, its nearest other row] */
  pairs: Array<[number, number]>;
  /** Each pair's distance, inputs scaled to [0, 1]. */
  distances: number[];
}

/** Each row's nearest other row (over at most MAX_ROWS rows spread evenly through the data). */
export function nearestNeighbours(x: number[][]): Neighbours {
  const n = x.length;
  const stride = Math.max(1, Math.ceil(n / MAX_ROWS));
  const rows: number[] = [];
  for (let i = 0; i < n; i += stride) rows.push(i);
  const d = x[0]?.length ?? 0;
  const low = Array.from({ length: d }, (_, j) => Math.min(...rows.map((i) => x[i][j])));
  const high = Array.from({ length: d }, (_, j) => Math.max(...rows.map((i) => x[i][j])));
  const scaled = rows.map((i) => x[i].map((v, j) => (high[j] > low[j] ? (v - low[j]) / (high[j] - low[j]) : 0)));
  const pairs: Array<[number, number]> = [];
  const distances: number[] = [];
  for (let a = 0; a < scaled.length; a++) {
    let best = -1;
    let bestD = Infinity;
    for (let b = 0; b < scaled.length; b++) {
      if (b === a) continue;
      let s = 0;
      for (let j = 0; j < d && s < bestD; j++) s += (scaled[a][j] - scaled[b][j]) ** 2;
      if (s < bestD) {
        bestD = s;
        best = b;
      }
    }
    if (best >= 0) {
      pairs.push([rows[a], rows[best]]);
      distances.push(Math.sqrt(bestD));
    }
  }
  return { pairs, distances };
}

/** The noise variance the residuals show: sum over pairs of (r_i - r_j)^2 / 2, averaged. */
export function differenceVariance(residuals: ArrayLike<number>, nb: Neighbours): number {
  let s = 0;
  let m = 0;
  for (const [i, j] of nb.pairs) {
    const d = residuals[i] - residuals[j];
    if (!Number.isFinite(d)) continue;
    s += d * d;
    m++;
  }
  return m > 0 ? s / (2 * m) : NaN;
}

/**
 * Whether residuals vary between neighbours as noise does, the same at
 * any distance, rather than as a smooth misfit does, more the farther
 * apart the rows: the difference variance over the farther half of the
 * pairs against the nearer half. On many inputs the nearest rows are far
 * apart, and the differences of a formula that misses a smooth part can
 * pass for noise (a 7-input formula on 1000 rows of exact data: 18 times
 * larger over the farther half; its true formula under 1% noise: 1.06).
 */
export function noiseLike(residuals: ArrayLike<number>, nb: Neighbours): boolean {
  const order = nb.distances.map((_, k) => k).sort((a, b) => nb.distances[a] - nb.distances[b] || a - b);
  const half = order.length >> 1;
  if (half < MIN_HALF) return true;
  const part = (ks: number[]) => differenceVariance(residuals, { pairs: ks.map((k) => nb.pairs[k]), distances: [] });
  const near = part(order.slice(0, half));
  const far = part(order.slice(half));
  if (!(near > 0)) return !(far > 0);
  return far <= near * Math.max(SMOOTH_RATIO, 1 + 3 * Math.sqrt(6 / half));
}

/** Too few pairs to compare halves: the test says nothing. */
const MIN_HALF = 20;
/** How much larger the farther half's difference variance may be, at least, for noise. */
const SMOOTH_RATIO = 2;

/**
 * How far a held-out mean square error may exceed the noise variance and
 * still be consistent with it: 2.5 standard deviations of the ratio of the
 * two estimates, the held-out one over `heldRows` rows (chi-square, 2/n)
 * and the difference-based one over `pairs` overlapping pairs (about 3/n).
 */
export function noiseTolerance(heldRows: number, pairs: number): number {
  return 2.5 * Math.sqrt(2 / Math.max(1, heldRows) + 3 / Math.max(1, pairs));
}

/**
 * The correlation of a formula's residuals at nearest-neighbour rows,
 * sum r_i r_j / sum (r_i^2 + r_j^2)/2 over the distinct pairs: about 0
 * (within 1/sqrt(pairs)) for noise, which is independent from row to row,
 * and clearly positive for a misfit that neighbours share, even one that
 * varies too fast over the rows for the mean squares alone to tell it from
 * noise.
 */
export function neighbourCorrelation(residuals: ArrayLike<number>, nb: Neighbours): { correlation: number; pairs: number } {
  let cross = 0;
  let square = 0;
  let pairs = 0;
  const seen = new Set<string>();
  for (const [i, j] of nb.pairs) {
    // A mutual pair once: (j, i) is the same product.
    const key = `${Math.min(i, j)},${Math.max(i, j)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const [a, b] = [residuals[i], residuals[j]];
    if (!Number.isFinite(a) || !Number.isFinite(b)) continue;
    cross += a * b;
    square += (a * a + b * b) / 2;
    pairs++;
  }
  return { correlation: square > 0 ? cross / square : NaN, pairs };
}

/** Standard errors (1/sqrt(pairs)) of the neighbour correlation of pure noise a formula's residuals may show. */
const CORRELATION_Z = 3;

/**
 * A formula fits within noise when its residuals are no more alike at
 * neighbouring rows than noise would be, and its held-out mean square error
 * is consistent with the noise variance.
 */
export function withinNoise(heldMse: number, noiseVariance: number, heldRows: number, pairs: number, neighbours: { correlation: number; pairs: number }): boolean {
  if (!(Number.isFinite(heldMse) && noiseVariance > 0 && neighbours.correlation <= CORRELATION_Z / Math.sqrt(Math.max(1, neighbours.pairs)))) return false;
  return heldMse <= noiseVariance * (1 + noiseTolerance(heldRows, pairs));
}
