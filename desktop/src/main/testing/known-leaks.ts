/**
 * The electric client inside pglite-sync 0.6.1 rejects an internal promise with `undefined` when a stream is
 * unsubscribed while a multi-shape refresh is waiting (ShapeStream's `#tickPromise.finally(...)` is never handled).
 * The desktop main process logs such rejections (see index.ts); a test that stops replicas tolerates exactly that
 * one and collects anything else, to fail on it.
 */
export function watchUnhandledRejections(): { unexpected: unknown[]; stop(): void } {
  const unexpected: unknown[] = [];
  const listener = (reason: unknown) => {
    if (reason !== undefined) unexpected.push(reason);
  };
  process.on('unhandledRejection', listener);
  return { unexpected, stop: () => process.off('unhandledRejection', listener) };
}
