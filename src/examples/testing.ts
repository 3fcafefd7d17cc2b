/**
 * What the examples' tests share: the example data sets read as the playground's worker reads them.
 */
import { readFileSync } from 'node:fs';
import { readCsv } from 'hamilton/frame';
import type { Workspace } from '../share/workspace';

/** A table of public/data, as a DataFrame (the worker parses tables with the same readCsv). */
export function readTable(path: string) {
  return readCsv(readFileSync(new URL(`../../public/${path}`, import.meta.url), 'utf8'));
}

/** A workspace's inputs with its tables read, as the worker passes them to the driver. */
export function runInputs(workspace: Workspace): Record<string, unknown> {
  const tables = Object.fromEntries(
    Object.entries(workspace.tables).map(([name, path]) => [name, readTable(path)]),
  );
  return { ...workspace.inputs, ...tables };
}
