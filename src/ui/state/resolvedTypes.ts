/**
 * Nodes' types as TypeScript resolves them (the editor's TypeScript service answers once Monaco is
 * up), so the catalog can show `Series<number>` beside a written `Series<Survey['age']>`.
 */
import { createStore } from './store';

export const resolvedTypesStore = createStore<ReadonlyMap<string, string>>(new Map());

/** The resolved type of `node` when it reads differently from the `written` one, else null. */
export function resolvedTypeOf(
  types: ReadonlyMap<string, string>,
  node: string,
  written: string,
): string | null {
  const resolved = types.get(node);
  const plain = (t: string) => t.replace(/\s+/g, '');
  return resolved && plain(resolved) !== plain(written) && resolved !== 'any' ? resolved : null;
}
