/**
 * A small SVG chart for the report: axes with round ticks, point and line
 * series, shaded bands and marked x positions. Static markup only, so the
 * page needs no script to draw it.
 */
import { maxOf, minOf } from '../../util/extent.ts';

export interface Axis {
  label: string;
  min: number;
  max: number;
  /** Values are log10 of the data; ticks print as powers of ten. */
  log?: boolean;
}

export interface Series {
  kind: 'points' | 'line';
  /** [x, y] in axis units; a point with a non-finite coordinate breaks a line and is not drawn. */
  data: Array<[number, number]>;
  color: string;
  label: string;
  dashed?: boolean;
  /** Radius of points. */
  radius?: number;
}

export interface ChartSpec {
  title: string;
  width: number;
  height: number;
  x: Axis;
  y: Axis;
  series: Series[];
  /** Shaded x ranges, e.g. the training range along an extrapolation line. */
  bands?: Array<{ from: number; to: number; label: string }>;
  /** Vertical marks, e.g. where a stage began. */
  marks?: Array<{ at: number; label: string }>;
}

const PAD = { left: 58, right: 14, top: 30, bottom: 58 };

export function chartSvg(spec: ChartSpec): string {
  const { width, height, x, y } = spec;
  const plotW = width - PAD.left - PAD.right;
  const plotH = height - PAD.top - PAD.bottom;
  const sx = (v: number) => PAD.left + ((v - x.min) / (x.max - x.min || 1)) * plotW;
  const sy = (v: number) => PAD.top + plotH - ((v - y.min) / (y.max - y.min || 1)) * plotH;
  const inside = (p: [number, number]) => Number.isFinite(p[0]) && Number.isFinite(p[1]) && p[1] >= y.min && p[1] <= y.max && p[0] >= x.min && p[0] <= x.max;
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${esc(spec.title)}">`);
  parts.push(`<text x="${PAD.left}" y="18" class="title">${esc(spec.title)}</text>`);
  const clip = `clip${Math.abs(hash(spec.title + width + height))}`;
  parts.push(`<defs><clipPath id="${clip}"><rect x="${PAD.left}" y="${PAD.top}" width="${plotW}" height="${plotH}"/></clipPath></defs>`);
  for (const b of spec.bands ?? []) {
    const x0 = sx(Math.max(x.min, b.from));
    const x1 = sx(Math.min(x.max, b.to));
    if (x1 > x0) {
      parts.push(`<rect x="${f(x0)}" y="${PAD.top}" width="${f(x1 - x0)}" height="${plotH}" class="band"/>`);
      parts.push(`<text x="${f((x0 + x1) / 2)}" y="${PAD.top + 12}" class="band-label" text-anchor="middle">${esc(b.label)}</text>`);
    }
  }
  for (const t of ticks(x.min, x.max)) {
    parts.push(`<line x1="${f(sx(t))}" x2="${f(sx(t))}" y1="${PAD.top}" y2="${PAD.top + plotH}" class="grid"/>`);
    parts.push(`<text x="${f(sx(t))}" y="${PAD.top + plotH + 16}" text-anchor="middle" class="tick">${tickText(t, x.log)}</text>`);
  }
  for (const t of ticks(y.min, y.max)) {
    parts.push(`<line x1="${PAD.left}" x2="${PAD.left + plotW}" y1="${f(sy(t))}" y2="${f(sy(t))}" class="grid"/>`);
    parts.push(`<text x="${PAD.left - 6}" y="${f(sy(t) + 4)}" text-anchor="end" class="tick">${tickText(t, y.log)}</text>`);
  }
  parts.push(`<rect x="${PAD.left}" y="${PAD.top}" width="${plotW}" height="${plotH}" class="frame"/>`);
  for (const m of spec.marks ?? []) {
    if (m.at < x.min || m.at > x.max) continue;
    parts.push(`<line x1="${f(sx(m.at))}" x2="${f(sx(m.at))}" y1="${PAD.top}" y2="${PAD.top + plotH}" class="mark"/>`);
    parts.push(`<text x="${f(sx(m.at) + 3)}" y="${PAD.top + plotH - 4}" class="mark-label">${esc(m.label)}</text>`);
  }
  parts.push(`<g clip-path="url(#${clip})">`);
  for (const s of spec.series) {
    if (s.kind === 'points') {
      const r = s.radius ?? 2.2;
      const dots = s.data.filter(inside).map((p) => `<circle cx="${f(sx(p[0]))}" cy="${f(sy(p[1]))}" r="${r}"/>`);
      parts.push(`<g fill="${s.color}" fill-opacity="0.7">${dots.join('')}</g>`);
    } else {
      for (const run of runs(s.data)) {
        const d = run.map((p, i) => `${i ? 'L' : 'M'}${f(sx(p[0]))} ${f(sy(clamp(p[1], y.min - (y.max - y.min), y.max + (y.max - y.min))))}`).join('');
        parts.push(`<path d="${d}" fill="none" stroke="${s.color}" stroke-width="1.8"${s.dashed ? ' stroke-dasharray="5 4"' : ''}/>`);
      }
    }
  }
  parts.push('</g>');
  parts.push(`<text x="${PAD.left + plotW / 2}" y="${height - 26}" text-anchor="middle" class="axis">${esc(x.label)}</text>`);
  parts.push(`<text transform="translate(14 ${PAD.top + plotH / 2}) rotate(-90)" text-anchor="middle" class="axis">${esc(y.label)}</text>`);
  let lx = PAD.left;
  for (const s of spec.series) {
    const sample = s.kind === 'points' ? `<circle cx="${lx + 5}" cy="${height - 9}" r="3.5" fill="${s.color}"/>` : `<line x1="${lx}" x2="${lx + 14}" y1="${height - 9}" y2="${height - 9}" stroke="${s.color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="4 3"' : ''}/>`;
    parts.push(`${sample}<text x="${lx + 18}" y="${height - 5}" class="legend">${esc(s.label)}</text>`);
    lx += 26 + 6.5 * s.label.length;
  }
  parts.push('</svg>');
  return parts.join('');
}

/** A range that shows every finite value with a margin (and something sensible when they are all equal). */
export function range(values: number[], margin = 0.05): { min: number; max: number } {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return { min: 0, max: 1 };
  let min = minOf(finite);
  let max = maxOf(finite);
  if (min === max) {
    const d = Math.abs(min) * 0.1 || 1;
    min -= d;
    max += d;
  }
  const pad = (max - min) * margin;
  return { min: min - pad, max: max + pad };
}

/** Round tick positions (1, 2 or 5 times a power of ten) between min and max. */
export function ticks(min: number, max: number, target = 6): number[] {
  if (!(max > min)) return [min];
  const raw = (max - min) / target;
  const mag = Math.pow(10, Math.floor(Math.log10(raw)));
  const step = [1, 2, 5, 10].map((k) => k * mag).find((s) => s >= raw) ?? 10 * mag;
  const out: number[] = [];
  for (let t = Math.ceil(min / step) * step; t <= max + step * 1e-9; t += step) out.push(Math.abs(t) < step * 1e-9 ? 0 : t);
  return out;
}

function tickText(t: number, log?: boolean): string {
  if (log) return Number.isInteger(t) ? `10<tspan dy="-6" font-size="9">${t < 0 ? '−' : ''}${Math.abs(t)}</tspan>` : '';
  const text = Math.abs(t) >= 1e5 || (Math.abs(t) < 1e-3 && t !== 0) ? t.toExponential(0) : String(Number(t.toPrecision(6)));
  return text.replace('-', '−');
}

/** The stretches of a line between non-finite points. */
function runs(data: Array<[number, number]>): Array<Array<[number, number]>> {
  const out: Array<Array<[number, number]>> = [[]];
  for (const p of data) {
    if (Number.isFinite(p[0]) && Number.isFinite(p[1])) out[out.length - 1].push(p);
    else if (out[out.length - 1].length) out.push([]);
  }
  return out.filter((r) => r.length > 1);
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}

function f(v: number): string {
  return String(Math.round(v * 10) / 10);
}

function hash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) | 0;
  return h;
}

export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
