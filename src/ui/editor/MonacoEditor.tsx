import { useEffect, useRef, useState } from 'react';
import { useMediaQuery } from '../layout/useMediaQuery';
import { usePlayground, useSession, useView, useWorkspace } from '../state/hooks';
import { allDiagnostics } from '../state/session';
import { announceSaved } from '../state/view';
import { setActiveFile, setFileCode } from '../state/workspaceEdits';
import { useTheme } from '../theme/theme';
import { EDGE_CHECK_FILE } from './edgeCheck';
import { checkEdges, EDGE_MARKER_OWNER } from './edgeTypes';
import { resolvedTypesStore } from '../state/resolvedTypes';
import { markersFor } from './markers';
import { fileUri, monaco } from './monaco';

const MARKER_OWNER = 'hamilton';
/** The edge check waits for the editor to be quiet this long after a new graph. */
const EDGE_CHECK_DELAY_MS = 250;

/** The Monaco editor, one model per workspace file; markers for the worker's and the edge check's findings. */
export default function MonacoEditor() {
  const host = useRef<HTMLDivElement>(null);
  const viewStates = useRef(new Map<string, monaco.editor.ICodeEditorViewState | null>());
  const [editor, setEditor] = useState<monaco.editor.IStandaloneCodeEditor | null>(null);
  const playground = usePlayground();
  const ws = useWorkspace();
  const session = useSession();
  const { theme } = useTheme();
  const { reveal } = useView();
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
      theme: theme === 'dark' ? 'vs-dark' : 'vs',
    });
    created.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => void playground.run());
    created.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyS, announceSaved);
    setEditor(created);
    return () => created.dispose();
    // The editor is created once; theme and models follow in their own effects.
  }, [playground]);

  useEffect(() => monaco.editor.setTheme(theme === 'dark' ? 'vs-dark' : 'vs'), [theme]);

  // On a phone the code has ~300 px: a narrower gutter (no folding) gives it back ~25.
  useEffect(() => {
    editor?.updateOptions({
      lineNumbersMinChars: phone ? 3 : 5,
      folding: !phone,
      lineDecorationsWidth: phone ? 8 : 10,
    });
  }, [editor, phone]);

  // Models follow the workspace: created for new files, updated when a workspace is loaded, disposed with their file.
  useEffect(() => {
    if (!editor) return;
    for (const file of ws.files) {
      const uri = fileUri(file.name);
      const model = monaco.editor.getModel(uri);
      if (!model) {
        const created = monaco.editor.createModel(file.code, 'typescript', uri);
        created.onDidChangeContent(() =>
          playground.workspace.update(setFileCode(file.name, created.getValue())),
        );
      } else if (model.getValue() !== file.code) {
        model.setValue(file.code);
      }
    }
    for (const model of monaco.editor.getModels()) {
      const name = model.uri.path.slice(1);
      if (name !== EDGE_CHECK_FILE && !ws.files.some((f) => f.name === name)) model.dispose();
    }
    const active = monaco.editor.getModel(fileUri(ws.activeFile));
    const current = editor.getModel();
    if (active && current !== active) {
      if (current && !current.isDisposed())
        viewStates.current.set(current.uri.path.slice(1), editor.saveViewState());
      editor.setModel(active);
      const saved = viewStates.current.get(ws.activeFile);
      if (saved) editor.restoreViewState(saved);
    }
  }, [editor, ws.files, ws.activeFile, playground]);

  // The worker's diagnostics, at their places.
  useEffect(() => {
    if (!editor) return;
    const diagnostics = allDiagnostics(session);
    for (const file of ws.files) {
      const model = monaco.editor.getModel(fileUri(file.name));
      if (model)
        monaco.editor.setModelMarkers(model, MARKER_OWNER, markersFor(file.name, diagnostics, model));
    }
  }, [editor, session, ws.files]);

  // Edge types, checked by TypeScript once a new graph arrives, against the text it was built from
  // (its locations point there; the user may have typed on since).
  const graph = session.compiled?.graph;
  const compiledId = session.compiled?.id;
  useEffect(() => {
    if (!editor || !graph) return;
    let cancelled = false;
    const timer = setTimeout(() => {
      const files =
        (compiledId !== undefined && playground.filesOf(compiledId)) || playground.workspace.get().files;
      checkEdges(graph, files)
        .then(({ markers, types }) => {
          if (cancelled) return;
          resolvedTypesStore.set(types);
          for (const [file, list] of markers) {
            const model = monaco.editor.getModel(fileUri(file));
            if (model) monaco.editor.setModelMarkers(model, EDGE_MARKER_OWNER, list);
          }
        })
        .catch(() => {
          // The TypeScript worker was replaced mid-check (a new graph arrived); the next check answers.
        });
    }, EDGE_CHECK_DELAY_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [editor, graph, compiledId, playground]);

  // "Jump to definition" from the graph, the catalog or a result.
  useEffect(() => {
    if (!editor || !reveal) return;
    playground.workspace.update(setActiveFile(reveal.file));
    const model = monaco.editor.getModel(fileUri(reveal.file));
    if (!model) return;
    if (editor.getModel() !== model) editor.setModel(model);
    editor.setPosition({ lineNumber: reveal.line, column: reveal.column });
    editor.revealLineInCenter(reveal.line);
    if (reveal.focus !== false) editor.focus();
  }, [editor, reveal, playground]);

  return <div ref={host} className="editor-host" data-editor-ready={editor ? 'true' : undefined} />;
}
