/** Pure edits of a {@link Workspace}: what the editor tabs, inputs and config panels do to it. */
import type { Json } from '../../worker/protocol';
import type { Workspace } from '../../share/workspace';

/** Why a file name is refused, or null when it is fine. */
export function fileNameProblem(workspace: Workspace, name: string, renaming?: string): string | null {
  if (!/^[A-Za-z_][\w-]*\.ts$/.test(name))
    return 'Use a name like features.ts (letters, digits, _ or -, ending in .ts).';
  if (name !== renaming && workspace.files.some((f) => f.name === name)) return `${name} already exists.`;
  return null;
}

export function setFileCode(name: string, code: string) {
  return (ws: Workspace): Workspace => {
    const file = ws.files.find((f) => f.name === name);
    if (!file || file.code === code) return ws;
    return { ...ws, files: ws.files.map((f) => (f.name === name ? { name, code } : f)) };
  };
}

export function addFile(name: string, code = '') {
  return (ws: Workspace): Workspace =>
    fileNameProblem(ws, name) ? ws : { ...ws, files: [...ws.files, { name, code }], activeFile: name };
}

export function renameFile(from: string, to: string) {
  return (ws: Workspace): Workspace => {
    if (from === to || fileNameProblem(ws, to, from) || !ws.files.some((f) => f.name === from)) return ws;
    return {
      ...ws,
      files: ws.files.map((f) => (f.name === from ? { name: to, code: f.code } : f)),
      activeFile: ws.activeFile === from ? to : ws.activeFile,
    };
  };
}

/** Deletes a file; the last file cannot be deleted (a project always has one). */
export function deleteFile(name: string) {
  return (ws: Workspace): Workspace => {
    const index = ws.files.findIndex((f) => f.name === name);
    if (index < 0 || ws.files.length === 1) return ws;
    const files = ws.files.filter((f) => f.name !== name);
    const activeFile = ws.activeFile === name ? files[Math.max(0, index - 1)].name : ws.activeFile;
    return { ...ws, files, activeFile };
  };
}

export function setActiveFile(name: string) {
  return (ws: Workspace): Workspace =>
    ws.activeFile === name || !ws.files.some((f) => f.name === name) ? ws : { ...ws, activeFile: name };
}

export function setInputs(inputs: Readonly<Record<string, Json>>) {
  return (ws: Workspace): Workspace => ({ ...ws, inputs });
}

/**
 * A starting value for an input of TypeScript type `type`, for the user to edit: `[]` for a list,
 * 0, "", false for the primitives, null when the type says nothing simpler.
 */
export function placeholderFor(type: string): Json {
  const t = type.trim();
  if (/\[\]$|^(?:readonly\s+)?(?:Readonly)?Array<|^Series</.test(t)) return [];
  if (t === 'number') return 0;
  if (t === 'string') return '';
  if (t === 'boolean') return false;
  return null;
}

/** Adds inputs that are not given yet, each with its placeholder, keeping the ones there. */
export function addInputs(entries: readonly (readonly [string, Json])[]) {
  return (ws: Workspace): Workspace => {
    const added = entries.filter(([name]) => !(name in ws.inputs));
    return added.length ? { ...ws, inputs: { ...ws.inputs, ...Object.fromEntries(added) } } : ws;
  };
}

export function setConfig(config: Readonly<Record<string, Json>>) {
  return (ws: Workspace): Workspace => ({ ...ws, config });
}

export function setConfigValue(key: string, value: Json) {
  return (ws: Workspace): Workspace =>
    ws.config[key] === value ? ws : { ...ws, config: { ...ws.config, [key]: value } };
}

export function setTable(name: string, csv: string | null) {
  return (ws: Workspace): Workspace => {
    const tables = { ...ws.tables };
    if (csv === null) delete tables[name];
    else tables[name] = csv;
    return { ...ws, tables };
  };
}

/** The outputs the user picked (none: every final node, following the code). */
export function setOutputs(outputs: readonly string[]) {
  return (ws: Workspace): Workspace => ({ ...ws, outputs, outputsChosen: outputs.length > 0 || undefined });
}

/** Adds `names` to the outputs (kept in the order given, no duplicates): the user's pick. */
export function addOutputs(names: readonly string[]) {
  return (ws: Workspace): Workspace => {
    const added = names.filter((n) => !ws.outputs.includes(n));
    return added.length ? setOutputs([...ws.outputs, ...added])(ws) : ws;
  };
}

export function removeOutputs(names: readonly string[]) {
  return (ws: Workspace): Workspace => {
    const outputs = ws.outputs.filter((o) => !names.includes(o));
    return outputs.length === ws.outputs.length ? ws : setOutputs(outputs)(ws);
  };
}
