/**
 * calu's library API: read data, fit, read the formulas, predict, save and load.
 * The CLI (cli/calu.ts) is a thin layer over exactly these functions.
 */
export { fit, type FitOptions } from './fit.ts';
export { DEFAULT_MAX_SECONDS, DEFAULT_SEED } from './defaults.ts';
export { predict, saveModel, loadModel, type SavedModel } from './model.ts';
export type { ModelShape } from './model/safeModel.ts';
export { readCsvFile, parseCsv, type CsvTable } from './data/csv.ts';
export { toDataset, type Dataset, type ColumnChoice } from './data/dataset.ts';
export { fromArrays, type Columns } from './data/fromArrays.ts';
export { rowsOf, datasetOfRows, type Rows } from './data/rows.ts';
export { toJson, stringify } from './export/json.ts';
export { toLatex } from './export/latex.ts';
export { exportCode } from './export/code/exportCode.ts';
export { LANGUAGES, type Language } from './export/code/languages.ts';
export { formatText, formatSummary } from './export/text.ts';
export { CaluError } from './errors.ts';
export { parseStack, describeStack, type StackSpec } from './calu/stack.ts';
export { parseQ, type QSet } from './calu/qset.ts';
export type { FitResult, OutputResult, CandidateRow, StageRecord, FitVerdict } from './result.ts';
export type { ConstantEstimate } from './result/noisy.ts';
export type { Criterion } from './result/selection.ts';
export type { FitEvent } from './train/events.ts';
