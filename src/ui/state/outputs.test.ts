import { describe, expect, it } from 'vitest';
import type { DescribedNode, GraphDescription } from 'hamilton';
import { WORKSPACE_VERSION, type Workspace } from '../../share/workspace';
import { checkOutputs, outputCandidates, runOutputs } from './outputs';
import { addOutputs, removeOutputs } from './workspaceEdits';
import { describedNode } from '../graph/testGraphs';

const node = (name: string, kind: DescribedNode['kind'] = 'function') =>
  describedNode(name, kind, { onPath: false });
const graph: GraphDescription = {
  nodes: [node('input', 'input'), node('a'), node('b'), node('d'), node('e'), node('mode', 'config')],
  edges: [
    { from: 'input', to: 'a', optional: false },
    { from: 'a', to: 'b', optional: false },
    { from: 'b', to: 'd', optional: false },
    { from: 'd', to: 'e', optional: false },
  ],
  cycles: [],
};

describe('checkOutputs', () => {
  it('names requested outputs the graph lacks and final nodes no output reaches', () => {
    expect(checkOutputs(graph, ['a', 'zzz'])).toEqual({ unknown: ['zzz'], leftOut: ['e'] });
    expect(checkOutputs(graph, ['e'])).toEqual({ unknown: [], leftOut: [] });
  });
  it('does not count a by-product of a function that runs (an extracted column nothing reads)', () => {
    const at = { file: 'f.ts', line: 3, column: 1 };
    const frame: GraphDescription = {
      nodes: [
        { ...node('frame'), location: at },
        { ...node('age'), location: at },
        { ...node('unused_column'), location: at },
        node('mean'),
      ],
      edges: [
        { from: 'frame', to: 'age', optional: false },
        { from: 'frame', to: 'unused_column', optional: false },
        { from: 'age', to: 'mean', optional: false },
      ],
      cycles: [],
    };
    expect(checkOutputs(frame, ['mean']).leftOut).toEqual([]);
  });
  it('has nothing to say when every final node is computed', () => {
    expect(checkOutputs(graph, [])).toEqual({ unknown: [], leftOut: [] });
  });
  it('offers function nodes as outputs, in graph order', () => {
    expect(outputCandidates(graph)).toEqual(['a', 'b', 'd', 'e']);
  });
});

describe('output edits', () => {
  const ws = { version: WORKSPACE_VERSION, outputs: ['a', 'd'] } as unknown as Workspace;
  it('adds without duplicates and removes', () => {
    expect(addOutputs(['d', 'e'])(ws).outputs).toEqual(['a', 'd', 'e']);
    expect(addOutputs(['a'])(ws)).toBe(ws);
    expect(removeOutputs(['a', 'zzz'])(ws).outputs).toEqual(['d']);
    expect(removeOutputs(['zzz'])(ws)).toBe(ws);
  });
});

describe('runOutputs', () => {
  it('outputs nobody picked follow the code: gone names leave, new final nodes join', () => {
    expect(runOutputs(graph, { outputs: ['a', 'zzz'] })).toEqual({ outputs: ['a', 'e'], dropped: [] });
    expect(runOutputs(graph, { outputs: [] })).toEqual({ outputs: [], dropped: [] });
    expect(runOutputs(graph, { outputs: ['zzz'] })).toEqual({ outputs: [], dropped: [] });
  });
  it('picked outputs stay as picked; the ones the code lost are dropped, not refused', () => {
    expect(runOutputs(graph, { outputs: ['a', 'zzz'], outputsChosen: true })).toEqual({
      outputs: ['a'],
      dropped: ['zzz'],
    });
    expect(runOutputs(graph, { outputs: ['zzz'], outputsChosen: true })).toEqual({
      outputs: [],
      dropped: ['zzz'],
    });
  });
  it('picking outputs marks them chosen; removing them all follows the code again', () => {
    const ws: Workspace = {
      version: WORKSPACE_VERSION,
      files: [],
      activeFile: '',
      inputs: {},
      config: {},
      outputs: [],
      tables: {},
    };
    const picked = addOutputs(['a'])(ws);
    expect(picked.outputsChosen).toBe(true);
    expect(removeOutputs(['a'])(picked).outputsChosen).toBeUndefined();
  });
});
