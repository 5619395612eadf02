/**
 * Text that is safe to echo: every control character written as an escape.
 * A CSV can carry ESC (colours, cursor moves, a cleared screen, a changed
 * window title), backspace and carriage return (text that overwrites what
 * came before), line breaks (a one-line message split in two) and bidi
 * overrides (text that reads in another order than it runs). Echoed as
 * \x1b, \n or \u202e, they are visible and harmless.
 */

/** C0 and C1 controls, DEL, line and paragraph separators, and the bidi formatting characters. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** The text with every control character escaped: one line, nothing a terminal acts on. */
export function printable(text: string): string {
  return text.replace(CONTROL, escapeChar);
}

/** The same, but keeping the given characters (e.g. newlines between the lines of a CSV cell). */
export function printableKeeping(text: string, keep: string): string {
  return text.replace(CONTROL, (c) => (keep.includes(c) ? c : escapeChar(c)));
}

function escapeChar(c: string): string {
  const code = c.charCodeAt(0);
  return NAMED[c] ?? (code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`);
}
