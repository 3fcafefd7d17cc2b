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

/** Monaco's theme for the page's. */
export const editorTheme = (theme: 'light' | 'dark') => (theme === 'dark' ? 'vs-dark' : 'vs');

/**
 * Makes Monaco's services (the first `setTheme` makes them all): called a task before the first editor,
 * which would otherwise make them, so that neither task is long.
 */
export function startServices(theme: 'light' | 'dark'): void {
  monaco.editor.setTheme(editorTheme(theme));
}

/**
 * Readies TypeScript's tokenizer and language configuration with a throwaway model (both are kept per
 * language): called a task before the editor is given its first model, which would otherwise make them.
 */
export function startLanguage(): void {
  const sample = 'export function a(x: number): number {\n  return [x][0];\n}\n';
  monaco.editor.tokenize(sample, 'typescript');
  monaco.editor.createModel(sample, 'typescript').dispose();
}

/** The editor model of a workspace file. */
export const fileUri = (name: string) => monaco.Uri.parse(`file:///${name}`);
