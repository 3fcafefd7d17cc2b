/**
 * Monaco, from our own bundle: the core editor, its contributions, and the TypeScript language only
 * (no other languages or workers). Loaded lazily by MonacoEditor. The library's typings are registered
 * here as extra libs (see build/typings.ts).
 */
import * as monaco from 'monaco-editor/editor';
import 'monaco-editor/features/register.all';
import 'monaco-editor/languages/definitions/typescript/register';
import * as typescript from 'monaco-editor/languages/features/typescript/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import TsWorker from 'monaco-editor/languages/features/typescript/ts.worker?worker';
import hamiltonLibs from 'virtual:hamilton-typings';

self.MonacoEnvironment = {
  getWorker: (_id: string, label: string) =>
    label === 'typescript' || label === 'javascript' ? new TsWorker() : new EditorWorker(),
};

typescript.typescriptDefaults.setCompilerOptions({
  target: typescript.ScriptTarget.ESNext,
  module: typescript.ModuleKind.ESNext,
  moduleResolution: typescript.ModuleResolutionKind.NodeJs,
  strict: true,
  noEmit: true,
  allowNonTsExtensions: true,
  lib: ['esnext', 'dom'],
});
// Every file is part of one project, so imports between tabs and the hidden edge check resolve.
typescript.typescriptDefaults.setEagerModelSync(true);
for (const lib of hamiltonLibs) typescript.typescriptDefaults.addExtraLib(lib.content, lib.path);

export { monaco, typescript };

/** The editor model of a workspace file. */
export const fileUri = (name: string) => monaco.Uri.parse(`file:///${name}`);
