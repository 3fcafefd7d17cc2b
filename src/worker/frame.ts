/**
 * The sandboxed frame between the page and the worker. Its document, `runner.html`, is generated at
 * build time by {@link runnerDocument}: {@link FRAME_CSP} and one inline script, {@link frameMain},
 * serialised with `Function.prototype.toString` (it must stay self-contained: no imports, no outer
 * names). It is a file of its own, not a `srcdoc`, because a `srcdoc` document inherits the page's CSP,
 * which forbids what the runner needs (inline script, eval).
 *
 * The handshake: the host gives each frame a fresh random key in the URL's fragment. The frame opens a
 * MessageChannel and posts `hello` with the key and one end of the channel to its parent; the host
 * accepts that end only from the frame's window with the right key, and from then on speaks to the
 * frame only through it. The host never posts to the frame's window: a page that navigates the frame
 * (an ancestor may) gets a document that holds no key and receives nothing.
 */

/**
 * No network (`connect-src 'none'`, and `default-src 'none'` for everything unnamed); scripts only
 * inline (the frame's own), eval (esbuild's output is evaluated) and `blob:` (the worker and the user's
 * bundle); wasm compilation for esbuild. The worker inherits this policy from its `blob:` URL. The host
 * also sets it as the frame's `csp` attribute (CSP embedded enforcement), so it binds whatever document
 * the frame is navigated to.
 */
export const FRAME_CSP =
  "default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval' 'wasm-unsafe-eval' blob:; worker-src blob:; connect-src 'none'";

/**
 * The page's messages to the frame, over the frame's channel: the worker's script, then esbuild's wasm
 * and the port to hand on; and `ping`, answered `pong` while the frame's process lives (the worker
 * runs on another thread).
 */
export type PageToFrame =
  | { readonly kind: 'ping' }
  | { readonly kind: 'script'; readonly script: string; readonly userScript: string }
  | {
      readonly kind: 'wasm';
      readonly wasm: ArrayBuffer | ReadableStream<Uint8Array>;
      readonly port: MessagePort;
    };

/** The frame's first message, to its parent's window, with the frame's end of its channel. */
export interface FrameHello {
  readonly kind: 'hello';
  readonly key: string;
}

/** Why the frame gave up on its worker (a fixed list: the page never shows text from the frame). */
export type FrameFailure = 'worker-failed' | 'unreadable-message' | 'wasm-failed';

/** The frame's messages to the page over its channel (the worker talks to the page only through its port). */
export type FrameMessage =
  { readonly kind: 'crash'; readonly cause: FrameFailure } | { readonly kind: 'pong' };

/** What the frame hands the worker: the compiled esbuild module, the port to the page, the user-code worker's script. */
export interface WorkerInit {
  readonly kind: 'init';
  readonly wasmModule: WebAssembly.Module;
  readonly port: MessagePort;
  readonly userScript: string;
}

/** Runs inside the frame; `key` is the secret the host wrote into this frame's document. */
export function frameMain(key: string): void {
  let started!: (started: { worker: Worker; userScript: string }) => void;
  const worker = new Promise<{ worker: Worker; userScript: string }>((resolve) => (started = resolve));
  const channel = new MessageChannel();
  const page = channel.port1;
  const tell = (message: FrameMessage) => page.postMessage(message);
  const crash = (cause: FrameFailure) => tell({ kind: 'crash', cause });
  page.onmessage = (event: MessageEvent) => {
    const data = event.data as PageToFrame | null;
    if (!data) return;
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
      w.addEventListener('error', () => crash('worker-failed'));
      w.addEventListener('messageerror', () => crash('unreadable-message'));
      started({ worker: w, userScript: data.userScript });
    } else if (data.kind === 'wasm') {
      // Compiled here, while the worker evaluates its script; the module then crosses for free.
      const compiled =
        data.wasm instanceof ArrayBuffer
          ? WebAssembly.compile(data.wasm)
          : WebAssembly.compileStreaming(
              new Response(data.wasm, { headers: { 'Content-Type': 'application/wasm' } }),
            );
      Promise.all([compiled, worker]).then(
        ([wasmModule, { worker: w, userScript }]) =>
          w.postMessage({ kind: 'init', wasmModule, port: data.port, userScript }, [data.port]),
        () => crash('wasm-failed'),
      );
    }
  };
  const hello: FrameHello = { kind: 'hello', key };
  parent.postMessage(hello, '*', [channel.port2]);
}

/** Where the runner's document is served, relative to the app's base. */
export const RUNNER_PAGE = 'runner.html';

/** The runner's document; its key is the URL's fragment, which a page that navigates the frame never sees. */
export function runnerDocument(): string {
  return (
    `<!doctype html><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${FRAME_CSP}">` +
    `<title>code runner</title><script>(${frameMain.toString()})(location.hash.slice(1))</script>\n`
  );
}
