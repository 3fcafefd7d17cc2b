/**
 * "Download project": a workspace as a Node project that runs with `npm install && npm start` and prints
 * the same results as the playground. It has no dependencies: the library and the module hooks that
 * let Node run TypeScript come inside it (see build/exportRuntime.ts).
 */
import { strToU8, zipSync } from 'fflate';
import type { Workspace } from '../workspace';

/** What {@link projectFiles} needs besides the workspace. */
export interface ExportOptions {
  /** The runtime files (`virtual:hamilton-export-runtime`). */
  readonly runtime: Readonly<Record<string, string>>;
  /** The text of a data set the playground serves (a table value starting with `data/`). */
  readonly readTable: (path: string) => Promise<string>;
  /** The project's name (package.json); from the workspace's first file when absent. */
  readonly name?: string;
}

const RESERVED = new Set([
  'Driver',
  'readCsv',
  'readFileSync',
  'printResults',
  'config',
  'inputs',
  'outputs',
  'dr',
  'table',
  'results',
  'graph',
]);

/** An identifier for a module's namespace import, unique among `taken`. */
function identifier(file: string, taken: Set<string>): string {
  let name = file.replace(/\.ts$/, '').replace(/[^A-Za-z0-9_$]/g, '_');
  if (/^\d/.test(name)) name = `_${name}`;
  while (taken.has(name) || RESERVED.has(name)) name = `${name}_module`;
  taken.add(name);
  return name;
}

/** A file name under data/ for a table: its served file's name, or the input's name. */
function tableFile(input: string, value: string, taken: Set<string>): string {
  let name = value.startsWith('data/')
    ? value.slice('data/'.length).replace(/[^A-Za-z0-9_.-]/g, '_')
    : `${input}.csv`;
  while (taken.has(name)) name = `_${name}`;
  taken.add(name);
  return name;
}

const literal = (value: unknown) => JSON.stringify(value, null, 2);
/** JSON on one line when it is short, indented otherwise. */
const compactLiteral = (value: unknown, indent: string) => {
  const line = JSON.stringify(value);
  return line.length <= 80 ? line : literal(value).replace(/\n/g, `\n${indent}`);
};

function driverSource(
  workspace: Workspace,
  modules: readonly [string, string][],
  tables: readonly [string, string][],
): string {
  const hasTables = tables.length > 0;
  const ids = modules.map(([id]) => id).join(', ');
  // Parallelizable blocks need dynamic execution, as the playground's worker enables it.
  const dynamic = workspace.files.some((f) => /\bParallelizable\s*</.test(f.code));
  const outputs = workspace.outputs.length
    ? [`const outputs = ${JSON.stringify(workspace.outputs)};`]
    : [
        '// No outputs chosen: every sink of the graph, as in the playground.',
        'const graph = dr.displayAllFunctions();',
        'const read = new Set(graph.edges.map((e) => e.from));',
        "const outputs = graph.nodes.filter((n) => n.kind === 'function' && !read.has(n.name)).map((n) => n.name);",
      ];
  const lines = [
    '/**',
    ' * Runs the project as the playground did: same modules, config, inputs and outputs.',
    ' *   npm start            prints each output',
    ' *   npm start -- --json  prints them as one JSON object',
    ' */',
    ...(hasTables ? ["import { readFileSync } from 'node:fs';"] : []),
    `import { ${dynamic ? 'Builder' : 'Driver'} } from 'hamilton';`,
    ...(hasTables ? ["import { readCsv } from 'hamilton/frame';"] : []),
    "import { printResults } from './hamilton/report.mjs';",
    ...modules.map(([id, file]) => `import * as ${id} from './${file.replace(/\.ts$/, '')}';`),
    '',
    `const config = ${literal(workspace.config)};`,
    ...(hasTables
      ? [
          "const table = (file: string) => readCsv(readFileSync(new URL(`./data/${file}`, import.meta.url), 'utf8'));",
        ]
      : []),
    'const inputs = {',
    ...Object.entries(workspace.inputs).map(
      ([k, v]) => `  ${JSON.stringify(k)}: ${compactLiteral(v, '  ')},`,
    ),
    ...tables.map(([input, file]) => `  ${JSON.stringify(input)}: table(${JSON.stringify(file)}),`),
    '};',
    '',
    dynamic
      ? `const dr = new Builder().withConfig(config).withModules(${ids}).enableDynamicExecution({ allowExperimentalMode: true }).build();`
      : `const dr = new Driver(config, ${ids});`,
    ...outputs,
    'const results = await dr.execute(outputs, { inputs });',
    "printResults(results, process.argv.includes('--json'));",
    '',
  ];
  return lines.join('\n');
}

/** The exported project's files, path → text. */
export async function projectFiles(
  workspace: Workspace,
  options: ExportOptions,
): Promise<Record<string, string>> {
  const fileNames = new Set(workspace.files.map((f) => f.name));
  const driver = fileNames.has('driver.ts') ? 'run.ts' : 'driver.ts';
  const taken = new Set<string>();
  const modules = workspace.files.map((f) => [identifier(f.name, taken), f.name] as [string, string]);
  const tableNames = new Set<string>();
  const tables = Object.entries(workspace.tables).map(
    ([input, value]) => [input, tableFile(input, value, tableNames), value] as const,
  );
  const name = (options.name ?? workspace.files[0].name.replace(/\.ts$/, ''))
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  const files: Record<string, string> = {
    'package.json':
      literal({
        name: `hamilton-${name || 'project'}`,
        version: '0.1.0',
        private: true,
        type: 'module',
        description: 'A Hamilton dataflow exported from the Hamilton Playground.',
        scripts: { start: `node --import ./hamilton/register.mjs ${driver}` },
        engines: { node: '>=20.6' },
      }) + '\n',
    'README.md': [
      `# ${name || 'project'}`,
      '',
      'Exported from the Hamilton Playground. Needs Node 20.6 or later, nothing else:',
      '',
      '    npm install && npm start',
      '',
      `\`${driver}\` runs the modules with the playground's config and inputs; \`npm start -- --json\` prints the results as JSON.`,
      'The Hamilton library is in `hamilton/` (with the Node hooks that analyse and run TypeScript).',
      '',
    ].join('\n'),
    [driver]: driverSource(
      workspace,
      modules,
      tables.map(([input, file]) => [input, file]),
    ),
    ...Object.fromEntries(workspace.files.map((f) => [f.name, f.code])),
    ...options.runtime,
  };
  for (const [, file, value] of tables) {
    files[`data/${file}`] = value.startsWith('data/') ? await options.readTable(value) : value;
  }
  return files;
}

/** The exported project as a zip archive. */
export async function exportProject(workspace: Workspace, options: ExportOptions): Promise<Uint8Array> {
  const files = await projectFiles(workspace, options);
  return zipSync(Object.fromEntries(Object.entries(files).map(([path, text]) => [path, strToU8(text)])), {
    level: 6,
  });
}
