/** Generated projects for the UI's large-graph benchmark and browser tests. */
import { WORKSPACE_VERSION, type Workspace } from '../../src/share/workspace';

/** A seeded pseudo-random sequence in [0, 1): the same project every time. */
function seeded(seed: number) {
  return () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

/** Function lines: node `names[i]` (from `first` on) reads 1–3 of the 40 nodes before it. */
function featureLines(names: readonly string[], first: number, random: () => number): string[] {
  const lines: string[] = [];
  for (let i = first; i < names.length; i++) {
    const params = new Set<string>();
    const count = 1 + Math.floor(random() * 3);
    for (let k = 0; k < count; k++)
      params.add(names[Math.max(0, i - 1 - Math.floor(random() * Math.min(i, 40)))]);
    const list = [...params];
    lines.push(
      `export function ${names[i]}(${list.map((p) => `${p}: number`).join(', ')}): number { return ${list.join(' + ')}; }`,
    );
  }
  return lines;
}

function workspace(files: { name: string; code: string }[]): Workspace {
  return {
    version: WORKSPACE_VERSION,
    files,
    activeFile: files[0].name,
    inputs: {},
    config: {},
    outputs: [],
    tables: {},
  };
}

/** A feature-pipeline-like project of `size` nodes: 50 inputs, functions reading 1–3 earlier nodes. */
export function bigWorkspace(size: number): Workspace {
  const names = Array.from({ length: size }, (_, i) => (i < 50 ? `x_${i}` : `f_${i}`));
  return workspace([{ name: 'big.ts', code: `${featureLines(names, 50, seeded(7)).join('\n')}\n` }]);
}

/** The subdags' shared block: a chain of {@link BLOCK_SIZE} steps from `values`. */
const BLOCK_SIZE = 10;
/** Nodes each subdag adds: its `values` input and block inside its namespace, its own node outside. */
export const SUBDAG_NODES = BLOCK_SIZE + 2;

/**
 * A project of about `size` nodes in `modules` files, with subdags: each file holds a chain of features
 * (as {@link bigWorkspace}) and, every `spacing` features, a subdag `s_<i>` of the shared block reading
 * the feature before it (its nodes `s_<i>.values`, `s_<i>.step_0`…, and `s_<i>` itself, which later
 * features may read). The subdags are `subdagCount(size)`; the plain features the rest.
 */
export function subdagWorkspace(size: number, modules = 4): Workspace {
  const subdags = subdagCount(size);
  const plain = size - subdags * SUBDAG_NODES;
  const spacing = Math.floor(plain / subdags);
  const names: string[] = [];
  const subdagAt = new Map<number, number>();
  for (let i = 0; names.length < plain + subdags; i++) {
    if (i >= 50 && subdagAt.size < subdags && (i - 50) % spacing === spacing - 1) {
      subdagAt.set(names.length, subdagAt.size);
      names.push(`s_${subdagAt.size - 1}`);
    } else names.push(i < 50 ? `x_${i}` : `f_${i}`);
  }
  const random = seeded(11);
  const features = featureLines(names, 50, random);
  const block = Array.from(
    { length: BLOCK_SIZE },
    (_, k) =>
      `function step_${k}(${k ? `step_${k - 1}` : 'values'}: number): number { return ${k ? `step_${k - 1}` : 'values'} * 2; }`,
  );
  const perFile = Math.ceil((names.length - 50) / modules);
  const files = Array.from({ length: modules }, (_, m) => {
    const lines: string[] = [];
    for (let i = 50 + m * perFile; i < Math.min(names.length, 50 + (m + 1) * perFile); i++) {
      const s = subdagAt.get(i);
      lines.push(
        s === undefined
          ? features[i - 50]
          : `export const s_${s} = subdag(block, { inputs: { values: source('${names[i - 1]}') } })(function s_${s}(step_${BLOCK_SIZE - 1}: number): number { return step_${BLOCK_SIZE - 1}; });`,
      );
    }
    const code = [
      "import { source, subdag } from 'hamilton';",
      ...block,
      `const block = { ${block.map((_, k) => `step_${k}`).join(', ')} };`,
      ...lines,
    ];
    return { name: `part_${m}.ts`, code: `${code.join('\n')}\n` };
  });
  return workspace(files);
}

/** How many subdags {@link subdagWorkspace} makes for `size` nodes: about a quarter of them in subdags. */
export function subdagCount(size: number): number {
  return Math.max(1, Math.round(size / 4 / SUBDAG_NODES));
}

/**
 * A project of `size` nodes in a few lines: one `parameterize`d function makes every node but the 50
 * inputs, each reading two earlier nodes (so the source stays small however large the graph is).
 */
export function parameterizedWorkspace(size: number): Workspace {
  const code = `import { parameterize, source } from 'hamilton';

const INPUTS = 50;
const name = (i: number) => (i < INPUTS ? \`x_\${i}\` : \`f_\${i}\`);
const nodes = Object.fromEntries(
  Array.from({ length: ${size} - INPUTS }, (_, k) => {
    const i = k + INPUTS;
    return [name(i), { a: source(name(i - INPUTS)), b: source(name(i - 1 - ((i * 7) % 40))) }];
  }),
);

/** Sum of two earlier nodes. */
export const step = parameterize(nodes)(function step(a: number, b: number): number {
  return a + b;
});
`;
  const inputs = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`x_${i}`, i]));
  return { ...bigWorkspace(0), files: [{ name: 'big.ts', code }], inputs };
}
