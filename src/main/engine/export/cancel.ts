/**
 * Cancelling and yielding. An export runs in the engine's process next to sampling, so between
 * chunks it gives the event loop a turn (`nextTurn`) and checks whether it was cancelled.
 *
 * @example
 * for (const chunk of chunks) {
 *   throwIfCancelled(signal, id);
 *   write(chunk);
 *   await nextTurn();
 * }
 */

/** The rejection of a cancelled export: `name` is 'AbortError', as for fetch and streams. */
export class ExportCancelledError extends Error {
  override readonly name = 'AbortError';

  constructor(id: string) {
    super(`the export ${id} was cancelled`);
  }
}

export function throwIfCancelled(signal: AbortSignal | undefined, id: string): void {
  if (signal?.aborted) throw new ExportCancelledError(id);
}

/**
 * Resolves after the event loop has run timers and I/O callbacks once: `setImmediate`, not a
 * microtask, which would run before anything else could.
 */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
