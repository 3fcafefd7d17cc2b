declare module 'virtual:hamilton-typings' {
  /** The declarations of `hamilton` and `hamilton/frame`, as extra libs (see build/typings.ts). */
  const libs: readonly { readonly path: string; readonly content: string }[];
  export default libs;
}

declare module 'monaco-editor/editor/browser/editorExtensions' {
  /** Monaco's registry of editor contributions (internal; what `startContributions.ts` reads of it). */
  export const EditorExtensionsRegistry: {
    getEditorContributions(): readonly { readonly id: string; readonly instantiation: number }[];
  };
}
