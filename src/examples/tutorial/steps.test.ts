/**
 * Every tutorial step checks itself: its solution passes its check and its starting point does not.
 * The step's files are written to a temp folder and imported through Vite (analysed like any module),
 * run with the step's inputs, tables and config, and their results turned into the previews the UI
 * holds (the worker's own previewValue), so the check sees what it sees in the browser.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { Builder, type Driver, type GraphDescription } from 'hamilton';
import { previewValue, RESULT_PREVIEW } from '../../worker/preview';
import type { ValuePreview } from '../../worker/protocol';
import type { Workspace } from '../../share/workspace';
import { runInputs } from '../testing';
import type { CheckContext } from './check';
import { stepDone, tutorialSteps } from './steps';

const root = mkdtempSync(join(tmpdir(), 'hamilton-tutorial-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let projects = 0;

function sinks(graph: GraphDescription): string[] {
  const read = new Set(graph.edges.map((e) => e.from));
  return graph.nodes.filter((n) => n.kind === 'function' && !read.has(n.name)).map((n) => n.name);
}

/** Compiles and runs a workspace as the playground does, and returns what a check sees. */
async function contextOf(workspace: Workspace): Promise<CheckContext> {
  const dir = join(root, `p${projects++}`);
  mkdirSync(dir);
  for (const f of workspace.files) writeFileSync(join(dir, f.name), f.code);
  const modules = await Promise.all(
    workspace.files.map((f) => import(/* @vite-ignore */ pathToFileURL(join(dir, f.name)).href)),
  );
  let dr: Driver;
  try {
    // As the worker builds it: Parallelizable/Collect enabled.
    dr = new Builder()
      .withConfig(workspace.config)
      .withModules(...modules)
      .enableDynamicExecution({ allowExperimentalMode: true })
      .build();
  } catch {
    return { graph: null, results: {}, config: workspace.config };
  }
  const graph = dr.displayAllFunctions();
  const results: Record<string, ValuePreview> = {};
  try {
    const outputs = workspace.outputs.length ? [...workspace.outputs] : sinks(graph);
    const values = await dr.execute(outputs, { inputs: runInputs(workspace) });
    for (const [name, value] of Object.entries(values))
      results[name] = previewValue(value, RESULT_PREVIEW, name).preview;
  } catch {
    // A failed run leaves no results, as in the playground.
  }
  return { graph, results, config: workspace.config };
}

describe('tutorial', { timeout: 60_000 }, () => {
  it('has at least 8 steps with unique ids', () => {
    expect(tutorialSteps.length).toBeGreaterThanOrEqual(8);
    expect(new Set(tutorialSteps.map((s) => s.id)).size).toBe(tutorialSteps.length);
  });

  it.each(tutorialSteps.map((s) => [s.title, s] as const))(
    '%s: the solution passes, the start does not',
    async (_, step) => {
      const solved = await contextOf(step.solution);
      const failing = step.check(solved).filter((c) => !c.ok);
      expect(failing.map((c) => c.label)).toEqual([]);
      expect(stepDone(step, await contextOf(step.start))).toBe(false);
    },
  );

  it('a step that needs an API imports it in its starting file and names it in its text', () => {
    const join = tutorialSteps.find((s) => s.id === 'join')!;
    const features = join.start.files.find((f) => f.name === 'features.ts')!.code;
    expect(features).toContain("import { DataFrame, Series } from 'hamilton/frame';");
    expect(features).toContain("import type { Login } from './load_data';");
    const text = join.prose.join(' ');
    for (const api of ['leftJoin(login_data, { on:', 'rsub', 'DataFrame.fromColumns'])
      expect(text).toContain(api);
  });
});
