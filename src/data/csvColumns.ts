import { createReadStream } from 'node:fs';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CsvError, parse } from 'csv-parse';
import { CaluError } from '../errors.ts';
import { CSV_OPTIONS, checkHeader, raggedRow, readError, syntaxError, type CsvOptions } from './csv.ts';
import { NO_EXPONENT, NUMBER_TEXT, parseCell, printedExponent, type ColumnChoice } from './dataset.ts';
import { detectDelimiter } from './delimiter.ts';
import { isMissing, usedColumns } from './missing.ts';

/**
 * A CSV read as numeric columns: one Float64Array per column, filled as the
 * file streams through csv-parse, so that no row is ever held as text.
 * Memory is 10 bytes a cell (the value, and the precision it was written
 * with), however the file is laid out.
 */
export interface ColumnTable {
  /** How the file is named in messages ("data.csv", or "<stdin>"). */
  source: string;
  header: string[];
  /** One per header column, `rows` long. */
  columns: NumericColumn[];
  /** The 1-based file line of each data row. */
  lines: Uint32Array;
  rows: number;
  /** The delimiter the file was read with, given or detected from its header. */
  delimiter: string;
  /** Rows left out for a missing cell (see ColumnOptions.dropMissing). */
  dropped: number;
}

export interface ColumnOptions extends CsvOptions {
  /**
   * Leave out, as they stream, the rows with an empty or NaN cell in a column
   * this choice uses (missing.ts); otherwise such a cell is the error of a
   * fit that uses its column.
   */
  dropMissing?: ColumnChoice;
}

export interface NumericColumn {
  values: Float64Array;
  /** printedExponent of each cell, or NO_EXPONENT where it is null (see dataset.ts). */
  exponents: Int16Array;
  /** The first cell that is not a finite number: the error a fit that uses this column reports. */
  bad?: { row: number; error: CaluError };
}

/** Reads a CSV file, or standard input for "-", into numeric columns. */
export async function readCsvColumns(path: string, options: ColumnOptions = {}): Promise<ColumnTable> {
  const source = path === '-' ? '<stdin>' : path;
  const input: Readable = path === '-' ? process.stdin : createReadStream(path, { highWaterMark: 1 << 20 });
  const sink = new ColumnSink(source, options.dropMissing);
  try {
    const text = checkText(source, sink)(input);
    // csv-parse takes its delimiter when it is created: the text is read ahead until the header line is whole
    // (standard input cannot be read twice), the delimiter detected from it as the text reader does, then parsed with the rest.
    const head = await readHeader(text);
    sink.delimiter = options.delimiter ?? detectDelimiter(head.join(''));
    await pipeline(Readable.from(concat(head, text)), parse({ delimiter: sink.delimiter, info: true, ...CSV_OPTIONS }), sink);
  } catch (e) {
    if (e instanceof CaluError) throw e;
    if (e instanceof CsvError) throw syntaxError(source, e);
    throw readError(path, e);
  }
  return sink.table();
}

/** The first pieces of text, up to and including the first line that is not blank (all of them when there is none). */
async function readHeader(text: AsyncGenerator<string>): Promise<string[]> {
  const head: string[] = [];
  let seen = '';
  for (;;) {
    // Not a for-await loop: leaving one would close the generator, whose rest is still to be parsed.
    const next = await text.next();
    if (next.done) return head;
    head.push(next.value);
    seen += next.value;
    if (next.value.includes('\n') && seen.split('\n').slice(0, -1).some((line) => line.trim() !== '')) return head;
  }
}

async function* concat(head: string[], rest: AsyncIterable<string>): AsyncGenerator<string> {
  yield* head;
  yield* rest;
}

/** Passes the bytes on as text, rejecting binary data and text that is not UTF-8 as the file streams. */
function checkText(source: string, seen: { text: boolean }) {
  return async function* (chunks: AsyncIterable<Buffer>): AsyncGenerator<string> {
    const decoder = new TextDecoder('utf-8', { fatal: true });
    let offset = 0;
    const decode = (bytes?: Buffer) => {
      try {
        return bytes ? decoder.decode(bytes, { stream: true }) : decoder.decode();
      } catch {
        throw new CaluError(`${source}: not a text CSV file (it is not valid UTF-8)`);
      }
    };
    for await (const chunk of chunks) {
      const nul = chunk.indexOf(0);
      if (nul >= 0) throw new CaluError(`${source}: not a text CSV file (binary data at byte ${offset + nul})`);
      offset += chunk.length;
      const text = decode(chunk);
      seen.text ||= text.trim() !== '';
      if (text) yield text;
    }
    const rest = decode();
    seen.text ||= rest.trim() !== '';
    if (rest) yield rest;
  };
}

/**
 * Takes csv-parse's records one by one: the header, then each row's cells
 * into the columns. A bad header or a ragged row is reported once the whole
 * file has parsed, as the text reader does: a CSV syntax error anywhere
 * comes first.
 */
class ColumnSink extends Writable {
  /** Whether the file holds anything but white space. */
  text = false;
  delimiter = ',';
  private header: string[] | null = null;
  /** The columns whose missing cells drop their row, with dropMissing. */
  private used: number[] = [];
  private dropped = 0;
  private records = 0;
  private failure: CaluError | null = null;
  private columns: NumericColumn[] = [];
  private lines = new Uint32Array(1024);
  private rows = 0;

  constructor(
    private readonly source: string,
    private readonly dropMissing?: ColumnChoice,
  ) {
    super({ objectMode: true, highWaterMark: 256 });
  }

  override _write(chunk: { record: string[]; info: { lines: number } }, _enc: BufferEncoding, done: (e?: Error) => void): void {
    try {
      this.add(chunk.record, chunk.info.lines);
      done();
    } catch (e) {
      done(e as Error);
    }
  }

  private add(record: string[], line: number): void {
    if (this.records++ === 0) {
      try {
        this.header = checkHeader(record, line, this.source);
        if (this.dropMissing) this.used = usedColumns(this.header, this.dropMissing);
        this.columns = this.header.map(() => ({ values: new Float64Array(1024), exponents: new Int16Array(1024) }));
      } catch (e) {
        this.failure = e as CaluError;
      }
      return;
    }
    // After a failure the rest is only parsed (for a syntax error that comes first), not kept.
    const header = this.header;
    if (this.failure || !header) return;
    if (record.length !== header.length) {
      this.failure = raggedRow(this.source, line, record.length, header.length);
      return;
    }
    if (this.used.some((c) => isMissing(record[c]))) {
      this.dropped++;
      return;
    }
    if (this.rows === this.lines.length) this.grow();
    const r = this.rows++;
    this.lines[r] = line;
    for (let c = 0; c < record.length; c++) {
      const col = this.columns[c];
      if (col.bad) continue;
      const text = record[c];
      // The good cells are checked here without building an error for each; a bad one gets parseCell's message.
      const v = NUMBER_TEXT.test(text) ? Number(text) : NaN;
      if (Number.isFinite(v)) {
        col.values[r] = v;
        const exp = printedExponent(text);
        col.exponents[r] = exp === null ? NO_EXPONENT : Math.max(-32767, Math.min(32767, exp));
      } else {
        // Kept for a fit that uses this column; a column that is not used may hold text.
        try {
          parseCell(text, this.source, line, header[c]);
        } catch (e) {
          col.bad = { row: r, error: e as CaluError };
        }
      }
    }
  }

  private grow(): void {
    const size = this.lines.length * 2;
    const lines = new Uint32Array(size);
    lines.set(this.lines);
    this.lines = lines;
    for (const col of this.columns) {
      if (col.bad) continue;
      const values = new Float64Array(size);
      values.set(col.values);
      const exponents = new Int16Array(size);
      exponents.set(col.exponents);
      col.values = values;
      col.exponents = exponents;
    }
  }

  table(): ColumnTable {
    if (!this.text || this.records === 0) throw new CaluError(`${this.source}: the file is empty`);
    if (!this.header) throw this.failure!;
    if (this.records === 1) throw new CaluError(`${this.source}: has a header but no data rows`);
    if (this.failure) throw this.failure;
    const n = this.rows;
    // Trimmed to the rows read: the spare capacity of the last doubling is given back.
    const columns = this.columns.map((c) => (c.bad ? { ...c, values: new Float64Array(0), exponents: new Int16Array(0) } : { values: c.values.slice(0, n), exponents: c.exponents.slice(0, n) }));
    return { source: this.source, header: this.header, columns, lines: this.lines.slice(0, n), rows: n, delimiter: this.delimiter, dropped: this.dropped };
  }
}
