/**
 * Zero-delay timers through a MessageChannel. esbuild-wasm (and Go's scheduler in it) hops through
 * `setTimeout(fn, 0)` for every message and plugin callback, and Chrome clamps nested zero-delay
 * timeouts to 4 ms; a MessageChannel task runs as soon as the thread is free. Measured in Chromium: a
 * 5-module build went from about 90 ms to about 37 ms.
 */

type TimerScope = Pick<typeof globalThis, 'setTimeout' | 'clearTimeout'>;

/** Makes `scope.setTimeout(fn)` / `setTimeout(fn, 0)` run `fn` on the next message task instead. */
export function routeZeroDelayTimers(scope: TimerScope): void {
  const nativeSetTimeout = scope.setTimeout.bind(scope);
  const nativeClearTimeout = scope.clearTimeout.bind(scope);
  const channel = new MessageChannel();
  const pending = new Map<number, () => void>();
  // Negative ids never collide with the native timer ids, which are positive.
  let lastId = 0;
  channel.port1.onmessage = (e: MessageEvent<number>) => {
    const task = pending.get(e.data);
    if (!task) return;
    pending.delete(e.data);
    task();
  };
  const setTimeout = (handler: TimerHandler, delay?: number, ...args: unknown[]): number => {
    const c = ((globalThis as any).__tc ??= {});
    c[String(delay ?? 0)] = (c[String(delay ?? 0)] ?? 0) + 1;
    if ((delay ?? 0) > 0 || typeof handler !== 'function') {
      return nativeSetTimeout(handler, delay, ...args) as unknown as number;
    }
    const id = --lastId;
    pending.set(id, () => (handler as (...a: unknown[]) => void)(...args));
    channel.port2.postMessage(id);
    return id;
  };
  const clearTimeout = (id?: number): void => {
    if (typeof id === 'number' && id < 0) pending.delete(id);
    else nativeClearTimeout(id);
  };
  scope.setTimeout = setTimeout as typeof scope.setTimeout;
  scope.clearTimeout = clearTimeout as typeof scope.clearTimeout;
}
