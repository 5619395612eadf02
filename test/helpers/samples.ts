import { fileURLToPath } from 'node:url';
import { readCsvFile } from '../../src/data/csv.ts';
import { toDataset, type Dataset } from '../../src/data/dataset.ts';
import { talkTask } from '../../src/bench/talkTasks.ts';

export const SAMPLES = fileURLToPath(new URL('../../samples/', import.meta.url));

/** The bundled train and test files of a talk task, as datasets. */
export function sample(task: string): { train: Dataset; test: Dataset } {
  const t = talkTask(task);
  const read = (range: string) => toDataset(readCsvFile(`${SAMPLES}${task}-${range}.csv`), { targets: t.targets, inputs: t.inputs });
  return { train: read('train'), test: read('test') };
}
