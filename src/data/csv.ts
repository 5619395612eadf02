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
    throw readError(path, e);
  }
  return parseCsv(bytes, path, options);
}

/** The one-line error for a file that cannot be read. */
export function readError(path: string, e: unknown): CaluError {
  const code = (e as NodeJS.ErrnoException).code;
  const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory, not a CSV file' : code === 'EACCES' ? 'permission denied' : `cannot be read (${code ?? (e as Error).message})`;
  return new CaluError(`${path}: ${why}`);
}

/** How calu reads CSV, in both readers: cells trimmed, blank lines skipped, a BOM dropped, ragged rows reported by calu. */
export const CSV_OPTIONS = { relax_column_count: true, skip_empty_lines: true, trim: true, bom: true } as const;

/** Parses CSV bytes; rejects binary data, an empty file, a header without rows and ragged rows. */
export function parseCsv(bytes: Buffer | string, source: string, options: CsvOptions = {}): CsvTable {
  const text = typeof bytes === 'string' ? bytes : decodeText(bytes, source);
  if (text.trim().length === 0) throw new CaluError(`${source}: the file is empty`);
  const delimiter = options.delimiter ?? detectDelimiter(text);
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(text, { delimiter, info: true, ...CSV_OPTIONS }) as unknown as typeof records;
  } catch (e) {
    throw syntaxError(source, e);
  }
  const [head, ...body] = records;
  const header = checkHeader(head.record, head.info.lines, source);
  if (body.length === 0) throw new CaluError(`${source}: has a header but no data rows`);
  for (const r of body) {
    if (r.record.length !== header.length) throw raggedRow(source, r.info.lines, r.record.length, header.length);
  }
  return { source, header, rows: body.map((r) => r.record), lines: body.map((r) => r.info.lines), delimiter };
}

/** The header's names, trimmed; none empty and none twice. */
export function checkHeader(record: string[], line: number, source: string): string[] {
  const header = record.map((h) => h.trim());
  header.forEach((h, i) => {
    if (h === '') throw new CaluError(`${source} row ${line}: column ${i + 1} of the header has no name`);
    const first = header.indexOf(h);
    if (first !== i) throw new CaluError(`${source} row ${line}: the header names column "${h}" twice`);
  });
  return header;
}

export function raggedRow(source: string, line: number, cells: number, columns: number): CaluError {
  return new CaluError(`${source} row ${line}: has ${cells} cells, but the header has ${columns} columns`);
}

/** csv-parse's error as one line that names the row. */
export function syntaxError(source: string, e: unknown): CaluError {
  const err = e as { lines?: number; message: string };
  const where = err.lines ? ` row ${err.lines}` : '';
  return new CaluError(`${source}${where}: not valid CSV (${firstLine(err.message)})`);
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
