/**
 * Edge and hostile CSV text, each with what calu must answer: the one-line
 * error after "<file>: " (or "<file> row ..."), or null for a file that
 * reads. `target` names the target column (y by default).
 */
export interface CsvCase {
  name: string;
  text: string | Buffer;
  target?: string;
  /** The input columns, when not every other column. */
  inputs?: string[];
  /** The message with the file name as FILE, or null when the file reads. */
  error: string | null;
}

const rows = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i)).join('\n') + '\n';

export const CSV_CASES: CsvCase[] = [
  // Structure
  { name: 'empty', text: '', error: 'FILE: the file is empty' },
  { name: 'blank lines only', text: '\n \n\t\n', error: 'FILE: the file is empty' },
  { name: 'header only', text: 'x1,x2,y\n', error: 'FILE: has a header but no data rows' },
  { name: 'ragged row', text: 'x1,x2,y\n1,2,3\n4,5\n', error: 'FILE row 3: has 2 cells, but the header has 3 columns' },
  { name: 'row too long', text: 'x1,x2,y\n1,2,3,4\n', error: 'FILE row 2: has 4 cells, but the header has 3 columns' },
  { name: 'a header name twice', text: 'x,x,y\n1,2,3\n', error: 'FILE row 1: the header names column "x" twice' },
  { name: 'an empty header name', text: 'x1,,y\n1,2,3\n', error: 'FILE row 1: column 2 of the header has no name' },
  { name: 'an unclosed quote', text: 'x1,x2,y\n1,"abc,3\n', error: 'FILE row 2: not valid CSV (Quote Not Closed: the parsing is finished with an opening quote at line 2)' },
  { name: 'binary junk', text: Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0xff]), error: 'FILE: not a text CSV file (binary data at byte 4)' },
  { name: 'invalid UTF-8', text: Buffer.from([0x78, 0x2c, 0x79, 0x0a, 0xc3, 0x28, 0x0a]), error: 'FILE: not a text CSV file (it is not valid UTF-8)' },
  // Cells
  { name: 'a text cell', text: 'x1,x2,y\n1,2,3\n1,abc,3\n', error: 'FILE row 3, column "x2": "abc" is not a number' },
  { name: 'an empty cell', text: 'x1,x2,y\n1,,3\n', error: 'FILE row 2, column "x2": empty cell' },
  { name: 'NaN', text: 'x1,x2,y\n1,2,NaN\n', error: 'FILE row 2, column "y": "NaN" is not a number' },
  { name: 'Infinity', text: 'x1,x2,y\n1,Infinity,3\n', error: 'FILE row 2, column "x2": "Infinity" is not a number' },
  { name: 'overflow', text: 'x1,x2,y\n1,1e999,3\n', error: 'FILE row 2, column "x2": "1e999" is not a finite number' },
  { name: 'hex', text: 'x1,x2,y\n1,0x10,3\n', error: 'FILE row 2, column "x2": "0x10" is not a number' },
  { name: 'a long cell is clipped', text: `x1,x2,y\n1,${'z'.repeat(100_000)},3\n`, error: `FILE row 2, column "x2": "${'z'.repeat(37)}..." is not a number` },
  { name: 'the first bad input cell wins over a target', text: 'x1,x2,y\n1,2,bad\n1,bad,3\n', error: 'FILE row 3, column "x2": "bad" is not a number' },
  { name: 'the first bad row wins among inputs', text: 'x1,x2,y\n1,2,3\n1,bad,3\nbad,2,3\n', error: 'FILE row 3, column "x2": "bad" is not a number' },
  // Bytes: control characters are echoed as escapes, and every message stays one line
  { name: 'ESC in a header', text: 'x1,x\x1b[2J,y\n1,abc,3\n', error: 'FILE row 2, column "x\\x1b[2J": "abc" is not a number' },
  { name: 'OSC in a cell', text: 'x1,x2,y\n1,\x1b]0;pwned\x07,3\n', error: 'FILE row 2, column "x2": "\\x1b]0;pwned\\x07" is not a number' },
  { name: 'backspace and carriage return in a cell', text: 'x1,x2,y\n1,ab\b\b\rok,3\n', error: 'FILE row 3, column "x2": "ab\\x08\\x08\\rok" is not a number' },
  { name: 'a quoted newline in a cell', text: 'x1,x2,y\n1,"a\nb",3\n', error: 'FILE row 3, column "x2": "a\\nb" is not a number' },
  { name: 'a bidi override in a header', text: 'x1,\u202ex2,y\n1,abc,3\n', error: 'FILE row 2, column "\\u202ex2": "abc" is not a number' },
  { name: 'a C1 control in a cell', text: 'x1,x2,y\n1,\u009b2J,3\n', error: 'FILE row 2, column "x2": "\\x9b2J" is not a number' },
  { name: 'a missing target among odd names', text: 'a\x1bb,y\n1,2\n', target: 'z', error: 'FILE: no target column "z" (columns: a\\x1bb, y)' },
  // Files that read
  { name: 'BOM and CRLF', text: '\ufeffx1,x2,y\r\n1,2,2\r\n3,4,12\r\n', error: null },
  { name: 'spaces, signs, short decimals', text: 'x1 , x2,y\n +1 , .5,5.\n-2,1E5,-.25e-3\n', error: null },
  { name: 'blank lines between rows', text: 'x1,x2,y\n\n1,2,3\n\n\n4,5,6\n', error: null },
  { name: 'an unused text column', text: 'label,x1,x2,y\nfoo,1,2,3\n"a,b",4,5,6\n', inputs: ['x1', 'x2'], error: null },
  { name: 'quoted numbers', text: 'x1,x2,y\n"1","2","3"\n', error: null },
  { name: 'names mathjs has a use for', text: 'end,to,in,mod,not,and,y\n1,2,3,4,5,6,7\n', error: null },
  { name: 'non-ASCII names', text: 'ω₀,Δx,y\n1,2,3\n', error: null },
  { name: 'over a thousand rows (the columns grow)', text: 'x1,x2,y\n' + rows(3000, (i) => `${i},${i * 0.5},${i * i}`), error: null },
  { name: 'full-precision and few-digit targets', text: 'x1,y\n1,0.1234\n2,0.30000000000000004\n3,1.5e-7\n', target: 'y', error: null },
];
