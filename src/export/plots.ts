import type { Dataset } from '../data/dataset.ts';
import type { FitResult } from '../result.ts';
import { predict } from '../model.ts';
import { chartSvg, range, type Series } from './svg/chart.ts';
import { extrapolationLine } from './extrapolation.ts';
import type { TrainingCurve } from './trainingCurve.ts';
import { maxOf, minOf, spreadIndices } from '../util/extent.ts';

const TRAIN = '#2f6db5';
const TEST = '#d9771e';
const FORMULA = '#1f8a4c';
/** Points per scatter plot at most: enough to see the diagonal, small enough for the page. */
const MAX_POINTS = 400;

/** Predicted against true for one target on the training rows, the test rows, and along an extrapolation line. */
export function targetPlots(result: FitResult, target: string, train: Dataset, test?: Dataset): string[] {
  const o = result.outputs.findIndex((out) => out.target === target);
  if (!result.outputs[o]?.expression) return [];
  const plots = [scatter(result, o, train, 'training rows', TRAIN)];
  if (test) plots.push(scatter(result, o, test, 'test rows', TEST));
  plots.push(along(result, o, train, test));
  return plots;
}

function scatter(result: FitResult, o: number, data: Dataset, which: string, color: string): string {
  const col = data.targets.indexOf(result.outputs[o].target);
  const rows = spreadIndices(data.rows, MAX_POINTS).map((i) => ({ x: data.inputColumns.map((c) => c[i]), y: data.targetColumns[col][i] }));
  const pred = predict(result, rows.map((r) => r.x)).map((p) => p[o]);
  const points: Array<[number, number]> = rows.map((r, i) => [r.y, pred[i]]);
  const span = range([...rows.map((r) => r.y), ...pred.filter((p) => Number.isFinite(p))]);
  return chartSvg({
    title: `${result.outputs[o].target} on the ${which}`,
    width: 360,
    height: 320,
    x: { label: 'true', ...span },
    y: { label: 'predicted', ...span },
    series: [
      { kind: 'line', data: [[span.min, span.min], [span.max, span.max]], color: '#999', label: 'predicted = true', dashed: true },
      { kind: 'points', data: points, color, label: `${rows.length < data.rows ? `${rows.length} of ` : ''}${data.rows} rows` },
    ],
  });
}

function along(result: FitResult, o: number, train: Dataset, test?: Dataset): string {
  const line = extrapolationLine(train, test);
  const col = train.targets.indexOf(result.outputs[o].target);
  const pred = predict(result, line.rows).map((p) => p[o]);
  const curve: Array<[number, number]> = line.t.map((t, i) => [t, pred[i]]);
  const truth: Array<[number, number]> = [[0, line.ya[col]]];
  const far: Array<[number, number]> = [[1, line.yb[col]]];
  // Poles can send a formula off to infinity: scale to the bulk of the curve and the known values.
  const values = [...pred.filter(Number.isFinite), line.ya[col], line.yb[col]].sort((p, q) => p - q);
  const lo = values[Math.floor(values.length * 0.02)];
  const hi = values[Math.ceil(values.length * 0.98) - 1];
  const span = range([lo, hi, line.ya[col], line.yb[col]], 0.08);
  return chartSvg({
    title: `${result.outputs[o].target} beyond the training range`,
    width: 360,
    height: 320,
    x: { label: 't, along x = a + t·(b − a)', min: line.tMin, max: line.tMax },
    y: { label: 'value', ...span },
    bands: [{ from: line.inside[0], to: line.inside[1], label: 'training range' }],
    series: [
      { kind: 'line', data: curve, color: FORMULA, label: 'formula' },
      { kind: 'points', data: truth, color: TRAIN, label: 'true at a', radius: 4.5 },
      { kind: 'points', data: far, color: line.bIsTest ? TEST : TRAIN, label: 'true at b', radius: 4.5 },
    ],
  });
}

/** The training curve: best and median loss over time, log scale, with the start of each stage marked. */
export function curvePlot(curve: TrainingCurve): string {
  const pts = curve.points;
  if (pts.length === 0) return '';
  const log = (v: number) => (v > 0 ? Math.log10(v) : NaN);
  const best: Array<[number, number]> = pts.map((p) => [p.seconds, log(p.best)]);
  const median: Array<[number, number]> = pts.map((p) => [p.seconds, log(p.median)]);
  // A new stage starts its losses afresh: break the lines there.
  const broken = (s: Array<[number, number]>) => s.flatMap((p, i) => (i > 0 && pts[i].stage !== pts[i - 1].stage ? [[NaN, NaN] as [number, number], p] : [p]));
  const ys = [...best, ...median].map((p) => p[1]).filter(Number.isFinite);
  const y = ys.length ? { min: Math.floor(minOf(ys)), max: Math.ceil(maxOf(ys)) } : { min: -1, max: 1 };
  return chartSvg({
    title: 'Training curve',
    width: 740,
    height: 300,
    x: { label: 'seconds since the start', min: 0, max: maxOf(pts.map((p) => p.seconds)) || 1 },
    y: { label: 'normalized MSE', log: true, min: y.min, max: y.max === y.min ? y.max + 1 : y.max },
    marks: curve.stages.map((s) => ({ at: s.seconds, label: `stage ${s.index}: ${s.stack}` })),
    series: [
      { kind: 'line', data: broken(best), color: FORMULA, label: 'best restart' },
      { kind: 'line', data: broken(median), color: '#888', label: 'median restart', dashed: true },
    ],
  });
}
