// Lint: the recommended JS and TypeScript rules; `any` is refused in the library's code; the import
// boundaries between the folders (README, "How it works") are kept by eslint-plugin-boundaries.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import boundaries from 'eslint-plugin-boundaries';

/** The parts of the code: one folder each. */
const elements = [
  ['library', 'src/hamilton'],
  ['frame', 'src/frame'],
  ['compiler', 'src/compiler'],
  ['worker', 'src/worker'],
  ['export', 'src/share/export'],
  ['share', 'src/share'],
  ['examples', 'src/examples'],
  ['ui', 'src/ui'],
  ['build', 'build'],
].map(([type, pattern]) => ({ type, pattern, partialMatch: false }));
const everyPart = elements.map((e) => e.type);

/** Files with a part of their own inside a folder. */
const files = [
  // The UI ⇄ worker contract, its check, the text budget it cuts strings to and big graphs' slices: both
  // sides read it.
  {
    category: 'protocol',
    pattern: 'src/worker/{protocol,protocolShapes,validate,fastCheck,clip,graphParts}.ts',
  },
  // The worker's page side: what the UI holds to talk to the worker.
  { category: 'host', pattern: 'src/worker/{host*,runner,frame,handshake}.ts' },
  // The browser tests' page (worker-test.html): a page like the UI.
  { category: 'test-page', pattern: 'src/worker/test-page.ts' },
  // The workspace format: what the UI, share links and examples all hold.
  { category: 'workspace', pattern: 'src/share/workspace.ts' },
  // Tests and benchmarks measure the parts together.
  { category: 'test', pattern: '**/*.{test,bench}.ts' },
];

/** Who may import whom, folder by folder (README's table). Anything not allowed is refused. */
const mayImport = {
  library: ['library', 'frame'],
  frame: ['frame'],
  compiler: ['compiler'],
  worker: ['worker', 'compiler'],
  share: ['share'],
  export: ['export', 'share', 'compiler'],
  examples: ['examples'],
  ui: ['ui', 'share', 'export', 'examples'],
  build: everyPart,
};

const part = (type, categories) => ({ element: { type }, ...(categories && { file: { categories } }) });
const allow = (from, to, kind) => ({ from, allow: { to, ...(kind && { dependency: { kind } }) } });
const disallow = (from, to) => ({ from, disallow: { to } });

/** Exceptions file by file, after the folders' rules (a later policy wins over an earlier one). */
const filePolicies = [
  // Everyone on the page side reads the protocol; the UI also holds the host.
  allow(part(['ui', 'share', 'export', 'examples']), part('worker', 'protocol')),
  allow(part('ui'), part('worker', 'host')),
  allow(part('examples'), part('share', 'workspace')),
  // The compiler reads the library's and the protocol's shapes, and loads neither.
  allow(part('compiler'), part('library'), 'type'),
  allow(part('compiler'), part('worker', 'protocol'), 'type'),
  // The page side of the worker folder never imports the worker side (it reaches the page as a URL).
  disallow(part('worker', ['protocol', 'host', 'test-page']), part(['worker', 'compiler'])),
  allow(part('worker', ['host', 'test-page']), part('worker', ['protocol', 'host'])),
  allow(part('worker', 'protocol'), part('worker', 'protocol')),
  allow(part('worker', 'protocol'), part('library'), 'type'),
  allow(part('worker', 'test-page'), part('examples')),
  // The runtime worker reads the shape of what the page's frame hands it.
  allow(part('worker'), part('worker', 'host'), 'type'),
  // The workspace format is made of the protocol's shapes only.
  disallow(part('share', 'workspace'), part('share')),
  allow(part('share', 'workspace'), part('worker', 'protocol')),
  // Tests check parts working together (the compiler's output run by the library, an example
  // compiled by the worker): they may import any part.
  allow({ file: { categories: 'test' } }, part(everyPart)),
];

export default tseslint.config(
  { ignores: ['dist*/**', '.vitest/**', 'e2e/screenshots/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'public/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node, ...globals.worker } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-unsafe-function-type': 'off',
    },
  },
  {
    files: ['src/hamilton/**/*.ts', 'src/frame/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'error' },
  },
  {
    files: ['src/**/*.{ts,tsx}', 'build/**/*.ts'],
    plugins: { boundaries },
    settings: {
      'boundaries/elements': elements,
      'boundaries/files': files,
      'import/resolver': { node: { extensions: ['.ts', '.tsx', '.js', '.mjs'] } },
    },
    rules: {
      'boundaries/dependencies': [
        'error',
        {
          default: 'disallow',
          // The worker folder holds both sides: its page-side files are checked against its worker side.
          checkInternals: true,
          policies: [
            ...Object.entries(mayImport).map(([from, to]) => allow(part(from), part(to))),
            ...filePolicies,
          ],
        },
      ],
    },
  },
);
