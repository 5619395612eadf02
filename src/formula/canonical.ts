import type { SnappedLayer } from './evaluate.ts';

/**
 * Puts a snapped network in a canonical form without changing what it
 * computes. A stack has a scale symmetry: (k*s)^n * w = s^n * (w * k^n), so
 * training may settle on 2s or -s where s is meant. Each CALUa unit that
 * feeds a CALUm layer is divided by its scale k (its leading sign, and the
 * gcd of integer weights), and k^n moves into the next CALUa layer's weights.
 */
export function canonicalize(layers: SnappedLayer[]): SnappedLayer[] {
  const out = layers.map((l) => ({ kind: l.kind, weights: l.weights.map((row) => [...row]) }));
  for (let l = 0; l + 2 < out.length; l++) {
    const [a, m, next] = [out[l], out[l + 1], out[l + 2]];
    if (a.kind !== 'caluA' || m.kind !== 'caluM' || next.kind !== 'caluA') continue;
    a.weights.forEach((row, k) => {
      const users = m.weights.map((w) => w[k]).filter((p) => p !== 0);
      let scale = unitScale(row);
      if (scale === 0 || scale === 1) return;
      // A negative scale under a fractional power would be complex: keep the sign then.
      if (scale < 0 && users.some((p) => !Number.isInteger(p))) scale = -scale;
      if (scale === 1) return;
      a.weights[k] = row.map((w) => w / scale);
      m.weights.forEach((w, h) => {
        if (w[k] === 0) return;
        const factor = Math.pow(scale, w[k]);
        next.weights.forEach((nrow) => {
          nrow[h] *= factor;
        });
      });
    });
  }
  return out;
}

/** The leading sign of a row times the gcd of its weights when they are all integers. */
function unitScale(row: number[]): number {
  const lead = row.find((w) => w !== 0);
  if (lead === undefined) return 0;
  const sign = lead < 0 ? -1 : 1;
  if (!row.every((w) => Number.isInteger(w))) return sign;
  let g = 0;
  for (const w of row) g = gcd(g, Math.abs(w));
  return sign * (g || 1);
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}
