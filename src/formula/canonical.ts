import type { SnappedLayer } from './evaluate.ts';
import { compareKeys } from './expression.ts';

/**
 * Puts a snapped network in a canonical form without changing what it
 * computes, so that it reads as a person would write it.
 *
 * A stack has a scale symmetry: (k*s)^n * w = s^n * (w * k^n), so training
 * may settle on 2s or -s where s is meant. Each CALUa unit that feeds a
 * CALUm layer is divided by its scale k, and k^n moves into the next CALUa
 * layer. A monomial common to every term of such a unit moves out of the
 * power too: (1/m0^2 - v^2/(c^2 m0^2))^(-1/2) becomes m0 (1 - v^2/c^2)^(-1/2).
 *
 * positive[j] says input j is > 0 on every row, which is what makes
 * (x^a)^p = x^(a p) safe for a fractional p.
 */
export function canonicalize(layers: SnappedLayer[], positive: boolean[] = []): SnappedLayer[] {
  return canonicalWith(layers, positive, (_l, _k, _terms, common) => common, true);
}

/**
 * Which monomial G to move out of a sum: the one common to every term, or
 * the monomial of one term (so that term becomes 1), or none (null).
 */
type FactorChoice = (layer: number, unit: number, terms: number[][], common: number[] | null) => number[] | null;

function canonicalWith(layers: SnappedLayer[], positive: boolean[], choose: FactorChoice, rescale: boolean): SnappedLayer[] {
  const out = layers.map((l) => ({ ...l, weights: l.weights.map((row) => [...row]) }));
  for (let l = 1; l + 1 < out.length; l++) {
    if (out[l - 1].kind === 'caluM' && out[l].kind === 'caluA' && out[l + 1].kind === 'caluM') factorMonomials(out, l, l === 1 ? positive : [], choose);
  }
  for (let l = 0; l + 2 < out.length; l++) {
    if (rescale && out[l].kind === 'caluA' && out[l + 1].kind === 'caluM' && out[l + 2].kind === 'caluA') normalizeScales(out, l);
  }
  return constantOutOfExp(out);
}

/**
 * exp(c + S) = e^c exp(S): a constant term under an outer exp (from a fit of
 * log y) leaves it as a coefficient of its own, which then takes its exact
 * form like any other: exp(-theta^2/2) / sqrt(2 pi), not exp(-theta^2/2 - 0.918939).
 */
function constantOutOfExp(out: SnappedLayer[]): SnappedLayer[] {
  const n = out.length;
  if (n < 3 || out[n - 1].kind !== 'fn' || out[n - 1].fn !== 'exp') return out;
  const [m, a] = [out[n - 3], out[n - 2]];
  if (m.kind !== 'caluM' || a.kind !== 'caluA' || a.weights.length !== 1) return out;
  const row = a.weights[0];
  let c = 0;
  m.weights.forEach((e, h) => {
    if (row[h] !== 0 && e.every((v) => v === 0)) {
      c += row[h];
      row[h] = 0;
    }
  });
  return c === 0 ? out : [...out, { kind: 'caluA', weights: [[Math.exp(c)]] }];
}

/**
 * Every canonical form the factoring choices give (at most `limit`): the
 * same function written with a different monomial pulled out of each sum,
 * as in m0/sqrt(1 - v^2/c^2) versus sqrt(c) m0/sqrt(c - v^2/c). The
 * choices are the common monomial, none, any one term's, and the lowest
 * or highest exponents over the terms. The caller keeps whichever prints
 * shortest.
 */
export function canonicalForms(layers: SnappedLayer[], positive: boolean[] = [], limit = 32): SnappedLayer[][] {
  const options = new Map<string, Array<number[] | null>>();
  canonicalWith(layers, positive, (l, k, terms, common) => {
    // The lowest exponents over the terms clear every denominator of the sum: omega_0^2 - omega^2,
    // not omega_0 - omega^2/omega_0; the highest clear every numerator.
    const inputs = terms[0]?.length ?? 0;
    const lowest = Array.from({ length: inputs }, (_, j) => Math.min(...terms.map((t) => t[j])));
    const highest = Array.from({ length: inputs }, (_, j) => Math.max(...terms.map((t) => t[j])));
    const list: Array<number[] | null> = [common, null, ...terms, lowest, highest];
    const seen = new Set<string>();
    options.set(`${l}:${k}`, list.filter((g) => (g === null || g.some((v) => v !== 0)) && !seen.has(String(g)) && seen.add(String(g))));
    return common;
  }, true);
  const keys = [...options.keys()];
  const forms: SnappedLayer[][] = [];
  const seenForms = new Set<string>();
  const pick = (i: number, chosen: Map<string, number[] | null>) => {
    if (forms.length >= limit) return;
    if (i === keys.length) {
      // With each sum rescaled to a leading 1, and as trained (a constant may read better inside: sqrt(8 pi G rho / 3 - ...)).
      for (const rescale of [true, false]) {
        const form = canonicalWith(layers, positive, (l, k, _t, common) => (chosen.has(`${l}:${k}`) ? chosen.get(`${l}:${k}`)! : common), rescale);
        const key = JSON.stringify(form);
        if (!seenForms.has(key)) {
          seenForms.add(key);
          forms.push(form);
        }
      }
      return;
    }
    for (const g of options.get(keys[i])!) pick(i + 1, new Map(chosen).set(keys[i], g));
  };
  pick(0, new Map());
  return forms;
}

/** Divides each CALUa unit of layer l by its scale and moves scale^power into layer l + 2. */
function normalizeScales(out: SnappedLayer[], l: number): void {
  const [a, m, next] = [out[l], out[l + 1], out[l + 2]];
  const monomialKeys = l > 0 && out[l - 1].kind === 'caluM' ? out[l - 1].weights : null;
  a.weights.forEach((row, k) => {
    const powers = m.weights.map((w) => w[k]).filter((p) => p !== 0);
    let scale = unitScale(row, monomialKeys);
    // A negative scale under a fractional power would be complex: keep the sign then.
    if (scale < 0 && powers.some((p) => !Number.isInteger(p))) scale = -scale;
    if (scale === 0 || scale === 1) return;
    a.weights[k] = row.map((w) => w / scale);
    m.weights.forEach((w, h) => {
      if (w[k] === 0) return;
      const factor = Math.pow(scale, w[k]);
      for (const nrow of next.weights) nrow[h] *= factor;
    });
  });
}

/**
 * The scale of a sum: integer weights are divided by their gcd; otherwise
 * the constant term (a monomial with every exponent 0) is made 1, or else
 * the leading term. The sign makes the leading term positive, the leading
 * term being the one printed first (largest exponents first).
 */
function unitScale(row: number[], monomials: number[][] | null): number {
  const live = row.map((w, j) => ({ w, j })).filter((t) => t.w !== 0);
  if (live.length === 0) return 0;
  const key = (j: number) => monomials?.[j] ?? [-j];
  const lead = live.reduce((a, b) => (compareKeys(key(b.j), key(a.j)) > 0 ? b : a));
  const sign = lead.w < 0 ? -1 : 1;
  if (live.every((t) => Number.isInteger(t.w))) return sign * live.reduce((g, t) => gcd(g, Math.abs(t.w)), 0);
  const constant = monomials ? live.find((t) => monomials[t.j].every((e) => e === 0)) : undefined;
  return sign * Math.abs((constant ?? lead).w);
}

/**
 * Moves a monomial G common to every term of CALUa unit k (layer l, fed by
 * CALUm layer l - 1) out of the sum: the terms lose G, and a new unit G
 * joins the sum's powers in layer l + 1.
 */
function factorMonomials(out: SnappedLayer[], l: number, positive: boolean[], choose: FactorChoice): void {
  const [m, a, p] = [out[l - 1], out[l], out[l + 1]];
  const inputs = m.weights[0]?.length ?? 0;
  const units = a.weights.length;
  for (let k = 0; k < units; k++) {
    const terms = a.weights[k].map((w, h) => (w !== 0 ? h : -1)).filter((h) => h >= 0);
    // A single term has nothing to factor out of: its power already applies to it alone.
    if (terms.length < 2) continue;
    const common = Array.from({ length: inputs }, (_, j) => {
      const e = terms.map((h) => m.weights[h][j]);
      if (e.every((v) => v > 0)) return Math.min(...e);
      if (e.every((v) => v < 0)) return Math.max(...e);
      return 0;
    });
    const g = choose(l, k, terms.map((h) => m.weights[h]), common.some((v) => v !== 0) ? common : null);
    if (!g || g.every((v) => v === 0)) continue;
    const powers = p.weights.map((w) => w[k]);
    const safe = powers.every((q) => Number.isInteger(q)) || g.every((v, j) => v === 0 || positive[j]);
    if (!safe) continue;
    const addMonomial = (exps: number[]) => {
      m.weights.push(exps);
      for (const row of a.weights) row.push(0);
      return m.weights.length - 1;
    };
    for (const h of terms) {
      const reduced = addMonomial(m.weights[h].map((e, j) => e - g[j]));
      a.weights[k][reduced] = a.weights[k][h];
      a.weights[k][h] = 0;
    }
    const gUnit = addMonomial(g);
    a.weights.push(a.weights[0].map((_, h) => (h === gUnit ? 1 : 0)));
    p.weights.forEach((row, u) => row.push(powers[u]));
  }
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}
