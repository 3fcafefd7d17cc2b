/**
 * Monaco makes an editor's contributions that drawing it does not need (code actions, inline
 * completions, parameter hints, suggestions, …) all at once, in an idle callback or at the first key
 * press: one task of 100–250 ms. Made here a few per task right after the editor (tasks queued back to
 * back, so no idle callback comes between them), they are all there before either.
 */
import { EditorExtensionsRegistry } from 'monaco-editor/editor/browser/editorExtensions';
import { nextTask } from '../shared/nextTask';
import type { monaco } from './monaco';

/** Monaco's `EditorContributionInstantiation`: made with the editor, and made only when asked for. */
const EAGER = 0;
const LAZY = 4;
/** Work per task before the next one: well under a frame's worth with Monaco's own work around it. */
const SLICE_MS = 20;

export async function startContributions(editor: monaco.editor.IStandaloneCodeEditor): Promise<void> {
  let disposed = false;
  editor.onDidDispose(() => (disposed = true));
  const pending = EditorExtensionsRegistry.getEditorContributions()
    .filter((c) => c.instantiation !== EAGER && c.instantiation !== LAZY)
    .sort((a, b) => a.instantiation - b.instantiation);
  // The first slice too waits for a task of its own: the editor was made in this one.
  let sliceStart = -Infinity;
  for (const { id } of pending) {
    if (performance.now() - sliceStart > SLICE_MS) {
      await nextTask();
      if (disposed) return;
      sliceStart = performance.now();
    }
    editor.getContribution(id);
  }
}
