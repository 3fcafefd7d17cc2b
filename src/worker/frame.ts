/**
 * The sandboxed frame between the page and the worker. Its document is written by the host as
 * `srcdoc` with {@link FRAME_CSP} and one inline script, {@link frameMain}, which is serialised with
 * `Function.prototype.toString`: it must stay self-contained (no imports, no outer names).
 */

/**
 * No network (`connect-src 'none'`, and `default-src 'none'` for everything unnamed); scripts only
 * inline (the frame's own), eval (esbuild's output is evaluated) and `blob:` (the worker and the user's
 * bundle); wasm compilation for esbuild. The worker inherits this policy from its `blob:` URL.
 */
export const FRAME_CSP =
  "default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval' 'wasm-unsafe-eval' blob:; worker-src blob:; connect-src 'none'";

/**
 * The page's messages to the frame: the worker's script, then esbuild's wasm and the port to hand on;
 * and `ping`, answered `pong` while the frame's process lives (the worker runs on another thread).
 */
export type PageToFrame =
  | { readonly kind: 'ping' }
  | { readonly kind: 'script'; readonly script: string }
  | {
      readonly kind: 'wasm';
      readonly wasm: ArrayBuffer | ReadableStream<Uint8Array>;
      readonly port: MessagePort;
    };

/** The frame's messages to the page (the worker talks to the page only through its port). */
export type FrameMessage = { readonly kind: 'crash'; readonly message: string } | { readonly kind: 'pong' };

/** What the frame hands the worker: the compiled esbuild module and the port to the page. */
export interface WorkerInit {
  readonly kind: 'init';
  readonly wasmModule: WebAssembly.Module;
  readonly port: MessagePort;
}

/** Runs inside the frame. */
export function frameMain(): void {
  let started!: (worker: Worker) => void;
  const worker = new Promise<Worker>((resolve) => (started = resolve));
  const tell = (message: FrameMessage) => parent.postMessage(message, '*');
  const crash = (message: string) => tell({ kind: 'crash', message });
  addEventListener('message', (event: MessageEvent) => {
    const data = event.data as PageToFrame | null;
    if (event.source !== parent || !data) return;
    if (data.kind === 'ping') {
      tell({ kind: 'pong' });
    } else if (data.kind === 'script') {
      // A classic worker: Chromium refuses module workers from `blob:` URLs of an opaque origin. The
      // script is built as an ES module without imports; the function scope keeps its top-level
      // declarations off the global object, where esbuild's Go shim would mistake them for its own.
      const source = `(function () {\n${data.script}\n})();\n`;
      const w = new Worker(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })), {
        name: 'hamilton-runner',
      });
      // Uncaught errors of user code are reported by the worker itself; reaching here means the worker
      // could not start or died.
      w.addEventListener('error', (e) => crash(e.message || 'the worker failed'));
      w.addEventListener('messageerror', () => crash('a message could not be read'));
      started(w);
    } else if (data.kind === 'wasm') {
      // Compiled here, while the worker evaluates its script; the module then crosses for free.
      const compiled =
        data.wasm instanceof ArrayBuffer
          ? WebAssembly.compile(data.wasm)
          : WebAssembly.compileStreaming(
              new Response(data.wasm, { headers: { 'Content-Type': 'application/wasm' } }),
            );
      Promise.all([compiled, worker]).then(
        ([wasmModule, w]) => w.postMessage({ kind: 'init', wasmModule, port: data.port }, [data.port]),
        (e: unknown) => crash(`esbuild could not be compiled: ${String(e)}`),
      );
    }
  });
}
