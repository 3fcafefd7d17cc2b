/** Projects that print without measure: the console floods of the hostile tests and benchmarks. */
import { bigWorkspace } from './bigWorkspace';
import type { Workspace } from '../../src/share/workspace';

/** A node that prints a million lines, then returns. */
export const FLOOD = `export function flood(): number {
  for (let i = 0; i < 1_000_000; i++) console.log(\`line \${i}\`);
  return 1;
}
`;

/** A node that prints until it is stopped. */
export const ENDLESS = `export function endless(): number {
  for (let i = 0; ; i++) console.log(\`line \${i}\`);
}
`;

/** A one-file workspace of `code`. */
export function codeWorkspace(code: string): Workspace {
  return { ...bigWorkspace(0), files: [{ name: 'flood.ts', code }], activeFile: 'flood.ts' };
}
