/**
 * The host's copy of the library, shared with user code: bundles read `hamilton` and `hamilton/frame`
 * from `globalThis.__hamilton_runtime` (see src/compiler/bundle.ts), so user code and the worker use one
 * instance, with the same classes and symbols.
 */

/** The global the compiler's bundles read the library from. */
export const RUNTIME_GLOBAL = '__hamilton_runtime';

/** Provides the library to the bundles evaluated from now on. */
export function installRuntime(hamilton: object, frame: object): void {
  Object.defineProperty(globalThis, RUNTIME_GLOBAL, {
    value: Object.freeze({ hamilton, 'hamilton/frame': frame }),
    configurable: false,
    writable: false,
  });
}
