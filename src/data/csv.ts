import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { CaluError } from '../errors.ts';
import { detectDelimiter } from './delimiter.ts';

/** A CSV read as text: the header and the cells of every data row, with their line numbers. */
export interface CsvTable {
  /** How the file is named in messages ("data.csv", or "<stdin>"). */
  source: string;
  header: string[];
  rows: string[][];
  /** The 1-based line of each data row in the file, as a spreadsheet numbers it. */
  lines: number[];
  /** The delimiter the file was read with, given or detected from its header. */
  delimiter: string;
}

export interface CsvOptions {
  /** The cell delimiter; detected from the header line when absent (see delimiter.ts). */
  delimiter?: string;
}

/** Reads a CSV file, or standard input for "-". */
export function readCsvFile(path: string, options: CsvOptions = {}): CsvTable {
  if (path === '-') return parseCsv(readFileSync(0), '<stdin>', options);
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory, not a CSV file' : code === 'EACCES' ? 'permission denied' : `cannot be read (${code ?? (e as Error).message})`;
    throw new CaluError(`${path}: ${why}`);
  }
  return parseCsv(bytes, path, options);
}

/** Parses CSV bytes; rejects binary data, an empty file, a header without rows and ragged rows. */
export function parseCsv(bytes: Buffer | string, source: string, options: CsvOptions = {}): CsvTable {
  const text = typeof bytes === 'string' ? bytes : decodeText(bytes, source);
  if (text.trim().length === 0) throw new CaluError(`${source}: the file is empty`);
  const delimiter = options.delimiter ?? detectDelimiter(text);
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(text, { delimiter, info: true, relax_column_count: true, skip_empty_lines: true, trim: true, bom: true }) as unknown as typeof records;
  } catch (e) {
    const err = e as { lines?: number; message: string };
    const where = err.lines ? ` row ${err.lines}` : '';
    throw new CaluError(`${source}${where}: not valid CSV (${firstLine(err.message)})`);
  }
  const [head, ...body] = records;
  const header = head.record.map((h) => h.trim());
  header.forEach((h, i) => {
    if (h === '') throw new CaluError(`${source} row ${head.info.lines}: column ${i + 1} of the header has no name`);
    const first = header.indexOf(h);
    if (first !== i) throw new CaluError(`${source} row ${head.info.lines}: the header names column "${h}" twice`);
  });
  if (body.length === 0) throw new CaluError(`${source}: has a header but no data rows`);
  for (const r of body) {
    if (r.record.length !== header.length) {
      throw new CaluError(`${source} row ${r.info.lines}: has ${r.record.length} cells, but the header has ${header.length} columns`);
    }
  }
  return { source, header, rows: body.map((r) => r.record), lines: body.map((r) => r.info.lines), delimiter };
}

function decodeText(bytes: Buffer, source: string): string {
  const nul = bytes.indexOf(0);
  if (nul >= 0) throw new CaluError(`${source}: not a text CSV file (binary data at byte ${nul})`);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new CaluError(`${source}: not a text CSV file (it is not valid UTF-8)`);
  }
}

function firstLine(s: string): string {
  return s.split('\n')[0].replace(/^Invalid /, 'invalid ');
}
