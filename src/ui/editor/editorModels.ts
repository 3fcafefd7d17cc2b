/**
 * What the editor shows besides the text: one model per workspace file, the worker's and the edge
 * check's markers, and "jump to definition" from the graph, the catalog or a result.
 */
import { useEffect, useRef } from 'react';
import type { Playground } from '../state/playground';
import { useSessionPart, useView, useWorkspace } from '../state/hooks';
import { resolvedTypesStore } from '../state/resolvedTypes';
import { allDiagnostics } from '../state/session';
import { setActiveFile, setFileCode } from '../state/workspaceEdits';
import { EDGE_CHECK_FILE } from './edgeCheck';
import { checkEdges, EDGE_MARKER_OWNER } from './edgeTypes';
import { markersFor } from './markers';
import { fileUri, monaco, typescript } from './monaco';

type Editor = monaco.editor.IStandaloneCodeEditor;

const MARKER_OWNER = 'hamilton';
/** The edge check waits for the editor to be quiet this long after a new graph. */
const EDGE_CHECK_DELAY_MS = 250;
/**
 * Graphs bigger than this are not edge-checked: writing the check file of 10,000 nodes (half a megabyte)
 * holds the page for a good part of a second, and TypeScript then takes seconds over it.
 */
const EDGE_CHECK_MAX_NODES = 3_000;

/**
 * Checks every file's types again once the TypeScript worker holds all of them. Monaco checks a new
 * model as soon as it is created and gives the worker only that model: an import of a file created
 * just after it (an example's files all arrive at once) would stay marked "Cannot find module".
 */
async function recheckTypes(uris: readonly monaco.Uri[]): Promise<void> {
  let worker: (...uris: monaco.Uri[]) => Promise<unknown>;
  try {
    worker = await typescript.getTypeScriptWorker();
  } catch {
    // Not started yet: when it starts it takes every model at once.
    return;
  }
  await worker(...uris);
  for (const uri of uris) {
    const model = monaco.editor.getModel(uri);
    if (!model || model.isDisposed()) continue;
    // Monaco's checker starts over for a model whose language changes; nothing else asks it to.
    monaco.editor.setModelLanguage(model, 'plaintext');
    monaco.editor.setModelLanguage(model, 'typescript');
  }
}

/** Models follow the workspace: created for new files, updated when a workspace is loaded, disposed with their file. */
export function useFileModels(editor: Editor | null, playground: Playground): void {
  const ws = useWorkspace();
  const viewStates = useRef(new Map<string, monaco.editor.ICodeEditorViewState | null>());
  useEffect(() => {
    if (!editor) return;
    // The store, not this render's snapshot: keystrokes typed since the render are in the store already,
    // and setting a model back to an older text would drop them.
    const { files, activeFile } = playground.workspace.get();
    let filesChanged = false;
    for (const file of files) {
      const uri = fileUri(file.name);
      const model = monaco.editor.getModel(uri);
      if (!model) {
        const created = monaco.editor.createModel(file.code, 'typescript', uri);
        created.onDidChangeContent(() =>
          playground.workspace.update(setFileCode(file.name, created.getValue())),
        );
        filesChanged = true;
      } else if (model.getValue() !== file.code) {
        model.setValue(file.code);
      }
    }
    for (const model of monaco.editor.getModels()) {
      const name = model.uri.path.slice(1);
      if (name !== EDGE_CHECK_FILE && !files.some((f) => f.name === name)) {
        model.dispose();
        filesChanged = true;
      }
    }
    if (filesChanged) void recheckTypes(files.map((f) => fileUri(f.name)));
    const active = monaco.editor.getModel(fileUri(activeFile));
    const current = editor.getModel();
    if (active && current !== active) {
      if (current && !current.isDisposed())
        viewStates.current.set(current.uri.path.slice(1), editor.saveViewState());
      editor.setModel(active);
      const saved = viewStates.current.get(activeFile);
      if (saved) editor.restoreViewState(saved);
    }
  }, [editor, ws.files, ws.activeFile, playground]);
}

/** The worker's diagnostics, at their places. */
export function useDiagnosticMarkers(editor: Editor | null): void {
  const diagnostics = useSessionPart(allDiagnostics);
  const { files } = useWorkspace();
  useEffect(() => {
    if (!editor) return;
    for (const file of files) {
      const model = monaco.editor.getModel(fileUri(file.name));
      if (model)
        monaco.editor.setModelMarkers(model, MARKER_OWNER, markersFor(file.name, diagnostics, model));
    }
  }, [editor, diagnostics, files]);
}

/**
 * Edge types, checked by TypeScript once a new graph arrives, against the text it was built from
 * (its locations point there; the user may have typed on since).
 */
export function useEdgeCheck(editor: Editor | null, playground: Playground): void {
  const compiled = useSessionPart((s) => s.compiled);
  const graph = compiled?.graph;
  const compiledId = compiled?.id;
  useEffect(() => {
    if (!editor || !graph || graph.nodes.length > EDGE_CHECK_MAX_NODES) return;
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
}

/** "Jump to definition" from the graph, the catalog or a result; focus stays put when asked. */
export function useReveal(editor: Editor | null, playground: Playground): void {
  const { reveal } = useView();
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
}
