/**
 * Milliseconds since the epoch, from the monotonic clock. Unlike
 * performance.now(), whose origin is each thread's own start, a deadline
 * in these terms means the same instant in a worker thread as in the
 * thread that set it.
 */
export function epochNow(): number {
  return performance.timeOrigin + performance.now();
}
