/**
 * Lines of text that arrive in one input event (a paste by an automation tool or an input method,
 * dictation, an on-screen keyboard's clipboard strip) go in as a paste. Monaco would take them as typed,
 * one character at a time: it would auto-close every bracket and auto-indent every line on top of the
 * text's own indentation, and the pasted code would no longer compile.
 */
import type { monaco } from './monaco';

function insertedLines(event: InputEvent): string | null {
  if (event.inputType !== 'insertText' && event.inputType !== 'insertReplacementText') return null;
  const text = event.data ?? event.dataTransfer?.getData('text/plain') ?? null;
  return text !== null && /[\r\n]/.test(text) ? text : null;
}

/**
 * Makes `editor` (created in `container`) take multi-line text from a single input event as a paste;
 * returns the undo. The container, not the editor's own node: an editor without a model has none.
 */
export function insertLinesAsPaste(
  editor: monaco.editor.IStandaloneCodeEditor,
  container: HTMLElement,
): () => void {
  const onBeforeInput = (event: InputEvent) => {
    const text = insertedLines(event);
    if (text === null) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    editor.trigger('keyboard', 'paste', { text, pasteOnNewLine: false, multicursorText: null });
  };
  container.addEventListener('beforeinput', onBeforeInput, true);
  return () => container.removeEventListener('beforeinput', onBeforeInput, true);
}
