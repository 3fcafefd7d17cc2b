import { useEffect, useRef, useState } from 'react';
import { useMediaQuery } from '../layout/useMediaQuery';
import { usePlayground } from '../state/hooks';
import { announceSaved } from '../state/view';
import { useTheme } from '../theme/theme';
import { useDiagnosticMarkers, useEdgeCheck, useFileModels, useReveal } from './editorModels';
import { insertLinesAsPaste } from './insertedText';
import { editorTheme, monaco } from './monaco';
import { startContributions } from './startContributions';

/** The Monaco editor, one model per workspace file; markers for the worker's and the edge check's findings. */
export default function MonacoEditor() {
  const host = useRef<HTMLDivElement>(null);
  const [editor, setEditor] = useState<monaco.editor.IStandaloneCodeEditor | null>(null);
  const playground = usePlayground();
  const { theme } = useTheme();
  const phone = useMediaQuery('(max-width: 719px)');

  useEffect(() => {
    const created = monaco.editor.create(host.current!, {
      model: null,
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize: 13,
      tabSize: 2,
      scrollBeyondLastLine: false,
      // The default 'dimmed' number after a final newline is below WCAG contrast.
      renderFinalNewline: 'on',
      fixedOverflowWidgets: true,
      ariaLabel: 'Code editor',
      // A textarea, not an EditContext: only it lets \`insertLinesAsPaste\` see text before Monaco does.
      editContext: false,
      theme: editorTheme(theme),
    });
    created.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => void playground.run());
    created.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyS, announceSaved);
    const stopInsertingLinesAsPaste = insertLinesAsPaste(created, host.current!);
    void startContributions(created);
    setEditor(created);
    return () => {
      stopInsertingLinesAsPaste();
      created.dispose();
    };
    // The editor is created once; theme and models follow in their own effects.
  }, [playground]);

  useEffect(() => monaco.editor.setTheme(editorTheme(theme)), [theme]);

  // On a phone the code has ~300 px: a narrower gutter (no folding) gives it back ~25.
  useEffect(() => {
    editor?.updateOptions({
      lineNumbersMinChars: phone ? 3 : 5,
      folding: !phone,
      lineDecorationsWidth: phone ? 8 : 10,
    });
  }, [editor, phone]);

  useFileModels(editor, playground);
  useDiagnosticMarkers(editor);
  useEdgeCheck(editor, playground);
  useReveal(editor, playground);

  return <div ref={host} className="editor-host" data-editor-ready={editor ? 'true' : undefined} />;
}
