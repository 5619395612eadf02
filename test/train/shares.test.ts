import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { backend } from '../helpers/backend.ts';
import { plainStageJob } from '../helpers/stageJob.ts';
import { runStage, type Found, type StageJob, type StageSink } from '../../src/train/stage.ts';
import { buildStage, disposeStage } from '../../src/train/stageSetup.ts';
import { shareRanges, trainShare, type ShareControl, type ShareRunner, type ShareSnapshot } from '../../src/train/shares.ts';
import type { Network } from '../../src/engine/network.ts';
import { Random } from '../../src/util/random.ts';

beforeAll(async () => {
  await backend();
});

const rng = new Random(12);
const x = Array.from({ length: 300 }, () => [rng.between(-2, 2), rng.between(-2, 2)]);
const all = { x, y: x.map(([a, b]) => [a * b - b]), precision: x.map(() => [0]) };

function job(steps = 200): StageJob {
  return plainStageJob(all, { steps, batchSize: 64 });
}

/** Restart r's weights of the first variable set to NaN: the next step blows it up. */
function blowUp(net: Network, r: number): void {
  const v = net.variables[0];
  const data = (v.dataSync() as Float32Array).slice();
  const per = data.length / net.restarts;
  data.fill(NaN, r * per, (r + 1) * per);
  v.assign(tf.tensor(data, v.shape));
}

/** A share that may train ahead without limit and is never stopped. */
const free: ShareControl = { stopped: () => false, waitFor: () => {} };

const weights = (net: Network) => net.variables.map((v) => Array.from(v.dataSync()));

describe('shares of a stage', () => {
  it('split the restarts evenly, in order, leaving out empty shares', () => {
    expect(shareRanges(48, 2)).toEqual([{ lo: 0, hi: 24 }, { lo: 24, hi: 48 }]);
    expect(shareRanges(5, 3)).toEqual([{ lo: 0, hi: 2 }, { lo: 2, hi: 3 }, { lo: 3, hi: 5 }]);
    expect(shareRanges(1, 2)).toEqual([{ lo: 0, hi: 1 }]);
    expect(shareRanges(7, 1)).toEqual([{ lo: 0, hi: 7 }]);
  });

  it('train their restarts bit for bit as the whole stage does, a blown-up restart drawn afresh alike', () => {
    const whole = buildStage(job());
    const parts = [buildStage(job(), { lo: 0, hi: 6 }), buildStage(job(), { lo: 6, hi: 16 })];
    blowUp(whole.share!.net, 9);
    blowUp(parts[1].share!.net, 3);
    const redrawn: number[][] = [[], [], []];
    for (let s = 0; s < 60; s++) {
      redrawn[0].push(...whole.share!.trainer.run().reinitialized);
      parts.forEach((p, i) => redrawn[i + 1].push(...p.share!.trainer.run().reinitialized.map((r) => r + p.share!.lo)));
    }
    expect(redrawn).toEqual([[9], [], [9]]);
    const joined = weights(parts[0].share!.net).map((w, i) => [...w, ...weights(parts[1].share!.net)[i]]);
    expect(joined).toEqual(weights(whole.share!.net));
    expect(joined.flat().every(Number.isFinite)).toBe(true);
    [whole, ...parts].forEach(disposeStage);
  });

  it('give the stage the same offers, in the same order, as training it whole, split from the start or handed over halfway', async () => {
    const offered = async (steps: number, runner?: ShareRunner) => {
      const offers: Array<[number, Found]> = [];
      const sink: StageSink = { offer: (o, f) => offers.push([o, f]), solved: () => false, emit: () => {}, shouldStop: () => false };
      const outcome = await runStage(job(steps), sink, runner);
      return { outcome, offers };
    };
    // A runner that trains each share in this thread, before the stage asks for it: snapshots as a worker thread sends them.
    const here = (steps: number, readyFrom: number) => {
      const started: Array<[number, number]> = [];
      let asked = 0;
      const runner: ShareRunner = {
        threads: 3,
        get ready() {
          return ++asked >= readyFrom;
        },
        start: (partial, range, from) => {
          started.push([range.lo, from?.step ?? 0]);
          const snapshots = new Map<number, ShareSnapshot>();
          trainShare({ ...partial, rows: job(steps).rows }, range, (s) => snapshots.set(s.step, structuredClone(s)), free, from && structuredClone(from));
          return { at: async (step) => snapshots.get(step) ?? null, stop: () => {} };
        },
      };
      return { runner, started };
    };
    const whole = await offered(150);
    const split = here(150, 1);
    const shared = await offered(150, split.runner);
    expect(split.started).toEqual([[0, 0], [5, 0], [11, 0]]);
    expect(shared.outcome).toEqual(whole.outcome);
    expect(shared.offers.length).toBeGreaterThan(0);
    expect(shared.offers).toEqual(whole.offers);
    // Ready at the second snap (step 100 of 400): handed over there.
    const longer = await offered(400);
    const late = here(400, 3);
    const handed = await offered(400, late.runner);
    expect(late.started).toEqual([[0, 100], [5, 100], [11, 100]]);
    expect(handed.offers).toEqual(longer.offers);
    expect(handed.offers.some(([, f]) => f.step > 100)).toBe(true);
  });

  it('ask before every step whether they may train it, and stop when told', () => {
    const asked: number[] = [];
    const sent: number[] = [];
    const control: ShareControl = { stopped: () => asked.length > 120, waitFor: (step) => void asked.push(step) };
    const j = job(400);
    trainShare(j, { lo: 4, hi: 9 }, (s) => sent.push(s.step), control);
    expect(asked).toEqual(Array.from({ length: 121 }, (_, i) => i + 1));
    const every = j.spec.snapEvery;
    expect(sent).toEqual(Array.from({ length: Math.floor(120 / every) }, (_, i) => (i + 1) * every));
  });

  it('end the stage by time when a share ends before the snap the stage waits for', async () => {
    const early: ShareRunner = { threads: 1, ready: true, start: () => ({ at: async () => null, stop: () => {} }) };
    const sink: StageSink = { offer: () => {}, solved: () => false, emit: () => {}, shouldStop: () => false };
    expect((await runStage(job(), sink, early)).end).toBe('time');
  });
});
