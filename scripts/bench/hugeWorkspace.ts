/**
 * A 10,000-node project with subdags whose source stays small: a share link holds at most 512 KB of
 * workspace, and bigWorkspace.ts's `subdagWorkspace`, one function per line, passes that well before 10,000 nodes
 * (its link would be refused and the page would keep its example).
 */
import { bigWorkspace, SUBDAG_NODES, subdagCount } from './bigWorkspace';
import type { Workspace } from '../../src/share/workspace';

const STEPS = SUBDAG_NODES - 2;

/**
 * About `size` nodes in one file: 50 inputs, features made by one `parameterize` (each reads three of the 40
 * nodes before it), and `subdagCount(size)` subdags `s_<j>` of a chain of steps made by one `parameterizedSubdag`,
 * each reading a feature along the chain and read by the feature after it.
 */
export function compactSubdagWorkspace(size: number): Workspace {
  const subdags = subdagCount(size);
  const steps = Array.from(
    { length: STEPS },
    (_, k) =>
      `function step_${k}(${k ? `step_${k - 1}` : 'values'}: number): number { return ${k ? `step_${k - 1}` : 'values'} * 2; }`,
  );
  const code = `import { parameterize, parameterizedSubdag, source } from 'hamilton';

const INPUTS = 50;
const SUBDAGS = ${subdags};
const FEATURES = ${size - subdags * SUBDAG_NODES};
const SPACING = Math.floor((FEATURES - INPUTS) / SUBDAGS);
const name = (i: number) => (i < INPUTS ? \`x_\${i}\` : \`f_\${i}\`);
${steps.join('\n')}
const block = { ${steps.map((_, k) => `step_${k}`).join(', ')} };

/** Subdag j reads the feature at its place along the chain. */
export const s = parameterizedSubdag(
  block,
  Object.fromEntries(
    Array.from({ length: SUBDAGS }, (_, j) => [\`s_\${j}\`, { inputs: { values: source(name(INPUTS + j * SPACING)) } }]),
  ),
)(function s(step_${STEPS - 1}: number): number {
  return step_${STEPS - 1};
});

/** A fixed pseudo-random distance back, under 40: features read nodes near them, as in a feature pipeline. */
const near = (i: number, k: number) => (Math.imul(i + 1, 2654435761 + k * 40503) >>> 0) % 40;

/** The subdag a feature reads, if it is the one just after that subdag's place. */
const subdagBefore = (i: number) => {
  const j = (i - INPUTS - 1) / SPACING;
  return Number.isInteger(j) && j >= 0 && j < SUBDAGS ? \`s_\${j}\` : null;
};

/** Sum of three earlier nodes (after each subdag, one of them is its result). */
export const step = parameterize(
  Object.fromEntries(
    Array.from({ length: FEATURES - INPUTS }, (_, k) => {
      const i = k + INPUTS;
      const read = (k: number) => source(name(i - 1 - near(i, k)));
      return [name(i), { a: read(1), b: read(2), c: subdagBefore(i) ? source(subdagBefore(i)!) : read(3) }];
    }),
  ),
)(function step(a: number, b: number, c: number): number {
  return a + b + c;
});
`;
  return { ...bigWorkspace(0), files: [{ name: 'huge.ts', code }], activeFile: 'huge.ts' };
}
