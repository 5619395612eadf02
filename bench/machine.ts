import { cpus, totalmem } from 'node:os';

/** What a benchmark ran on, for the header of every table in docs/. */
export function machine(backend: string): string {
  const cpu = cpus();
  return `${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${cpu.length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, tfjs backend ${backend}`;
}

export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** Median of a list (NaN when empty). */
export function median(xs: number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** A markdown table from a header and rows of cells. */
export function markdownTable(header: string[], rows: Array<Array<string | number>>): string {
  const line = (cells: Array<string | number>) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** Progress for long runs: always stderr, so stdout stays for the table or the JSON. */
export function progress(line: string): void {
  process.stderr.write(`${line}\n`);
}
