/**
 * `calu ... | head` closes the pipe before calu has written everything: the
 * next write fails with EPIPE. That is the reader saying it has read
 * enough, not an error, so the process ends at once, quietly, with exit 0,
 * rather than with an unhandled 'error' event and a stack trace.
 */
export function endQuietlyWhenOutputCloses(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(0);
      throw e;
    });
  }
}
