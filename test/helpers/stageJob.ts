import type { StageJob } from '../../src/train/stage.ts';
import type { Rows } from '../../src/data/rows.ts';
import { userStage } from '../../src/train/recipe.ts';
import { resolveTransform, PLAIN } from '../../src/train/transform.ts';
import { epochNow } from '../../src/util/clock.ts';

/** A stage job for one target on two inputs: a `4:m 1:a` stack of 16 restarts, seed 5, on `all` (also its sample and pool rows). */
export function plainStageJob(all: Rows, opts: { index?: number; steps?: number; batchSize?: number } = {}): StageJob {
  const steps = opts.steps ?? 200;
  const spec = { ...userStage('4:m 1:a', undefined, 2, steps, 16), trainsAll: false, ...(opts.batchSize ? { batchSize: opts.batchSize } : {}) };
  return {
    description: { index: opts.index ?? 1, stack: '2 4:m 1:a', q: '{-2, -1, 0, 1, 2}', restarts: 16, steps, targets: ['y'] },
    spec,
    seed: 5,
    outputs: [0],
    transforms: [resolveTransform(PLAIN, null)!],
    bases: [null],
    rows: { all, sample: all, pool: all },
    deadline: epochNow() + 60_000,
  };
}
