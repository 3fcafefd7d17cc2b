/**
 * Compiles the examples in Node, through the worker's own Session (native esbuild injected), and prints
 * their `compiled` events as a JSON array: the graphs the page (its default example) and docs embeds
 * (every example) show at once while esbuild-wasm wakes up (~2 s). Run with tsx by exampleGraphs.ts.
 */
import { register } from 'node:module';
import * as esbuild from 'esbuild';

// The examples import their sources with Vite's `?raw`; this teaches Node the same.
register(
  `data:text/javascript,${encodeURIComponent(`
    import { readFileSync } from 'node:fs';
    export async function resolve(specifier, context, next) {
      if (!specifier.endsWith('?raw')) return next(specifier, context);
      return { url: new URL(specifier, context.parentURL).href, shortCircuit: true };
    }
    export async function load(url, context, next) {
      if (!url.endsWith('?raw')) return next(url, context);
      const text = readFileSync(new URL(url.slice(0, -4)), 'utf8');
      return { format: 'module', source: 'export default ' + JSON.stringify(text), shortCircuit: true };
    }`)}`,
);

const hamilton = await import('hamilton');
const frame = await import('hamilton/frame');
const { installRuntime } = await import('../src/worker/runtime');
const { Session } = await import('../src/worker/session');
const { examples } = await import('../src/examples');
type Compiled = import('../src/worker/protocol').CompiledEvent;

installRuntime(hamilton, frame);
const snapshots = [];
for (const example of examples) {
  const { files, config } = example.workspace;
  const events: { readonly type: string }[] = [];
  const session = new Session({
    esbuild,
    post: (event) => void events.push(event),
    now: () => performance.now(),
  });
  await session.receive({ type: 'compile', id: 1, files, config });
  const compiled = events.find((e): e is Compiled => e.type === 'compiled');
  if (!compiled?.graph || compiled.diagnostics.some((d) => d.severity === 'error')) {
    throw new Error(`example ${example.id} did not compile: ${JSON.stringify(compiled?.diagnostics)}`);
  }
  snapshots.push({ files, config, compiled: { ...compiled, id: 0, timings: {} } });
}
process.stdout.write(JSON.stringify(snapshots));
