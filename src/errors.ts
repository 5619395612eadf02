/**
 * An error meant for the person at the terminal: its message is one line
 * that names the file and, where it applies, the row and column. The CLI
 * prints it alone, without a stack trace, and exits non-zero.
 */
export class CaluError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CaluError';
  }
}
