import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/data/csv.ts';
import { toDataset } from '../../src/data/dataset.ts';
import { dropMissingRows, isMissing } from '../../src/data/missing.ts';

describe('missing cells', () => {
  it('are empty cells and NaN in any case', () => {
    expect(['', 'NaN', 'nan', 'NAN'].map(isMissing)).toEqual([true, true, true, true]);
    expect(['0', 'x', 'NA', 'Infinity'].map(isMissing)).toEqual([false, false, false, false]);
  });

  it('drop their rows with dropMissing, only in the columns the fit uses', () => {
    const table = parseCsv('a,b,note,y\n1,2,,3\n,5,x,6\n7,nan,x,8\n9,10,x,11\n', 'd.csv');
    const d = toDataset(table, { targets: ['y'], inputs: ['a', 'b'] }, { dropMissing: true });
    expect(d.x).toEqual([[1, 2], [9, 10]]);
    expect(d.lines).toEqual([2, 5]);
    // Without --inputs every column is used, the note column too.
    expect(dropMissingRows(table, { targets: ['y'] }).lines).toEqual([5]);
  });
});
