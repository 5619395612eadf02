import { printable } from './util/escape.ts';

/**
 * An error meant for the person at the terminal: its message is one line
 * that names the file and, where it applies, the row and column. The CLI
 * prints it alone, without a stack trace, and exits non-zero. Whatever it
 * quotes from the data (a file name, a header, a cell) has its control
 * characters escaped, so the message stays one line and the terminal
 * shows it as text.
 */
export class CaluError extends Error {
  constructor(message: string) {
    super(printable(message));
    this.name = 'CaluError';
  }
}
