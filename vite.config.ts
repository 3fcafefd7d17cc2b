/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';
import { hamiltonAnalysis } from './build/hamiltonAnalysis.ts';
import { hamiltonTypings } from './build/typings.ts';
import { hamiltonExportRuntime } from './build/exportRuntime.ts';
import { exampleGraphs } from './build/exampleGraphs.ts';
import { devWorker } from './build/devWorker.ts';
import { runnerPage } from './build/runnerPage.ts';
import { previewHeaders } from './build/previewHeaders.ts';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

// `hamilton` and `hamilton/frame` are the import names user code, tests and Node share.
const alias = [
  { find: /^hamilton\/frame$/, replacement: here('./src/frame/index.ts') },
  // Node only (worker threads): never imported by the app.
  { find: /^hamilton\/threads$/, replacement: here('./src/hamilton/threads.ts') },
  { find: /^hamilton$/, replacement: here('./src/hamilton/index.ts') },
];

export default defineConfig(({ mode }) => ({
  resolve: { alias },
  plugins: [
    devWorker({ hamilton: here('./src/hamilton/index.ts'), 'hamilton/frame': here('./src/frame/index.ts') }),
    hamiltonAnalysis(),
    hamiltonTypings(),
    hamiltonExportRuntime(),
    exampleGraphs(),
    runnerPage(),
    previewHeaders(here('./public/_headers')),
  ],
  build: {
    manifest: true,
    target: 'es2022',
    chunkSizeWarningLimit: 8000,
    rolldownOptions: {
      input: {
        main: here('./index.html'),
        embed: here('./embed.html'),
        // The worker's browser-test page (e2e/worker-*.spec.ts, the worker benchmark) plants secrets in
        // the origin's storage: only in test builds (`vite build --mode test`), never in production.
        ...(mode === 'test' && { 'worker-test': here('./worker-test.html') }),
      },
      // Bundling Monaco's and our workers and emitting the library's typings take most of the build by
      // design; rolldown's slow-plugin report would print on every build.
      checks: { bundlerTimings: false },
    },
  },
  worker: { format: 'es' },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
  test: {
    include: ['src/**/*.test.ts', 'build/**/*.test.ts'],
    environment: 'node',
  },
}));
