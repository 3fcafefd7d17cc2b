/** A generated project for the UI's large-graph benchmark. */
import { WORKSPACE_VERSION, type Workspace } from '../../src/share/workspace';

/** A feature-pipeline-like project of `size` nodes: 50 inputs, functions reading 1–3 earlier nodes. */
export function bigWorkspace(size: number): Workspace {
  const inputs = 50;
  const names = Array.from({ length: size }, (_, i) => (i < inputs ? `x_${i}` : `f_${i}`));
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const lines: string[] = [];
  for (let i = inputs; i < size; i++) {
    const params = new Set<string>();
    const count = 1 + Math.floor(random() * 3);
    for (let k = 0; k < count; k++)
      params.add(names[Math.max(0, i - 1 - Math.floor(random() * Math.min(i, 40)))]);
    const list = [...params];
    lines.push(
      `export function ${names[i]}(${list.map((p) => `${p}: number`).join(', ')}): number { return ${list.join(' + ')}; }`,
    );
  }
  return {
    version: WORKSPACE_VERSION,
    files: [{ name: 'big.ts', code: `${lines.join('\n')}\n` }],
    activeFile: 'big.ts',
    inputs: {},
    config: {},
    outputs: [],
    tables: {},
  };
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
