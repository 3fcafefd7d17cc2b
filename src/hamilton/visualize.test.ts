import { describe, expect, it } from 'vitest';
import { Driver } from './driver';
import { analysedModule } from './fixtures/analysed';
import { toDot } from './visualize';

const m = analysedModule('hello_world', {
  a: [
    (input: number[], scale: number) => input.map((x) => x * scale),
    [
      { name: 'input', type: 'number[]' },
      { name: 'scale', type: 'number' },
    ],
    { returnType: 'number[]' },
  ],
  b: [(a: number[]) => a, [{ name: 'a', type: 'number[]' }], { returnType: 'number[]' }],
  c: [
    (a: number[], b: number[], bonus = 1) => a.concat(b, [bonus]),
    ['a', 'b', { name: 'bonus', optional: true }],
    { returnType: 'Map<string, number>' },
  ],
  d: [(c: number[]) => c, ['c'], { returnType: 'number[]' }],
});
const dr = new Driver({ scale: 2, 'mode name': 'fast' }, m);

describe('graph descriptions', () => {
  it('describes every node with kind, flags and config values, and every edge', () => {
    const g = dr.visualizeExecution(['c'], { inputs: { input: [1] }, overrides: { b: [0] } });
    const byName = Object.fromEntries(g.nodes.map((n) => [n.name, n]));
    expect(g.nodes.map((n) => n.name)).toEqual(['a', 'b', 'c', 'd', 'input', 'scale', 'bonus', 'mode name']);
    expect(byName.c).toMatchObject({
      kind: 'function',
      isOutput: true,
      isOverride: false,
      onPath: true,
      type: 'Map<string, number>',
    });
    expect(byName.b).toMatchObject({ isOverride: true, onPath: true });
    expect(byName.d).toMatchObject({ isOutput: false, onPath: false });
    expect(byName.bonus).toMatchObject({ kind: 'input', onPath: false });
    expect(byName.scale).toMatchObject({ kind: 'config', value: '2', onPath: true });
    expect(byName['mode name']).toMatchObject({ kind: 'config', value: 'fast' });
    expect(g.edges).toContainEqual({ from: 'bonus', to: 'c', optional: true });
    expect(g.edges).toContainEqual({ from: 'a', to: 'c', optional: false });
    expect(JSON.parse(JSON.stringify(g))).toEqual(g);
    expect(dr.displayAllFunctions().nodes.every((n) => !n.onPath && !n.isOutput)).toBe(true);
  });

  it('names a node’s function as written, not as a bundler renamed it', () => {
    // A bundler joining files renames clashing functions: the runtime name is `age_mean2`.
    const age_mean2 = (age: number) => age;
    const renamed = analysedModule('features', { age_mean: [age_mean2, ['age']] });
    const node = new Driver({}, renamed).displayAllFunctions().nodes.find((n) => n.name === 'age_mean');
    expect(age_mean2.name).toBe('age_mean2');
    // Only a function named otherwise than its node (a config.when variant) has a functionName.
    expect(node).toMatchObject({ name: 'age_mean', functionName: undefined });
  });

  it('visualizeExecution draws despite missing inputs, but not unknown outputs', () => {
    expect(dr.visualizeExecution(['c']).nodes.find((n) => n.name === 'input')?.onPath).toBe(true);
    expect(() => dr.visualizeExecution(['zzz'])).toThrow('Unknown nodes [zzz] requested. Check for typos?');
  });
});

describe('toDot', () => {
  it('draws an execution in Hamilton style: only the path, outputs, overrides, inputs, config, legend', () => {
    const dot = toDot(dr.visualizeExecution(['c'], { inputs: { input: [1] }, overrides: { b: [0] } }));
    expect(dot).toBe(`digraph {
	graph [compound=true concentrate=true rankdir=LR ranksep=0.4 style=filled]
	node [fillcolor="#ffffff"]
	scale [label=<<b>scale</b><br /><br /><i>2</i>> fontname=Helvetica shape=note style=filled]
	a [label=<<b>a</b><br /><br /><i>number[]</i>> fillcolor="#b4d8e4" fontname=Helvetica margin=0.15 shape=rectangle style="rounded,filled"]
	b [label=<<b>b</b><br /><br /><i>number[]</i>> fillcolor="#b4d8e4" fontname=Helvetica margin=0.15 shape=rectangle style="filled,diagonals"]
	c [label=<<b>c</b><br /><br /><i>Map&lt;string, number&gt;</i>> fillcolor="#FFC857" fontname=Helvetica margin=0.15 shape=rectangle style="rounded,filled"]
	scale -> a
	a -> b
	a -> c
	b -> c
	_a_inputs [label=<<table border="0"><tr><td>input</td><td>number[]</td></tr></table>> fontname=Helvetica margin=0.15 shape=rectangle style="filled,dashed"]
	_a_inputs -> a
	subgraph cluster__legend {
		graph [fillcolor="#ffffff" fontname=helvetica label=Legend rank=same]
		_legend_config [label=config fontname=Helvetica shape=note style=filled]
		_legend_input [label=input fontname=Helvetica margin=0.15 shape=rectangle style="filled,dashed"]
		_legend_function [label=function fillcolor="#b4d8e4" fontname=Helvetica margin=0.15 shape=rectangle style="rounded,filled"]
		_legend_output [label=output fillcolor="#FFC857" fontname=Helvetica margin=0.15 shape=rectangle style="rounded,filled"]
		_legend_override [label=override fillcolor="#b4d8e4" fontname=Helvetica margin=0.15 shape=rectangle style="filled,diagonals"]
	}
}
`);
  });

  it('draws all functions with only the kinds present in the legend, quoting odd names', () => {
    const dot = toDot(dr.displayAllFunctions());
    expect(dot).toContain(
      '\t"mode name" [label=<<b>mode name</b><br /><br /><i>fast</i>> fontname=Helvetica shape=note style=filled]',
    );
    expect(dot).toContain(
      '\t_c_inputs [label=<<table border="0"><tr><td>bonus</td><td>unknown</td></tr></table>>',
    );
    expect(dot).toContain('\tc -> d\n');
    expect(dot).not.toContain('_legend_output');
    expect(dot).not.toContain('_legend_override');
    expect(toDot(dr.displayAllFunctions(), { showLegend: false })).not.toContain('Legend');
  });

  it('can draw the whole graph with the path outlined in red', () => {
    const dot = toDot(dr.visualizeExecution(['b'], { inputs: { input: [1] } }), {
      pathOnly: false,
      orient: 'TB',
    });
    expect(dot).toContain('rankdir=TB');
    expect(dot).toMatch(/\ta \[label=.* color=red fillcolor/);
    expect(dot).toContain('\ta -> b [color=red]\n');
    expect(dot).toContain('\tb -> c\n');
    expect(dot).toMatch(/\td \[label=<<b>d<\/b>.*style="rounded,filled"\]/);
  });
});

describe('parallel blocks, drawn as Hamilton draws them', () => {
  it('marks expand and collect nodes and edges, with crow’s feet and double borders in DOT', async () => {
    const parallel = await import('./fixtures/dynamic_parallelism/inputs_in_collect');
    const described = new Driver({}, parallel).displayAllFunctions();
    const roles = Object.fromEntries(
      described.nodes.filter((n) => n.parallel).map((n) => [n.name, n.parallel]),
    );
    expect(roles).toEqual({ collect: 'collect', par: 'expand' });
    expect(described.edges.filter((e) => e.parallel)).toEqual([
      { from: 'identity', to: 'collect', optional: false, parallel: 'collect' },
      { from: 'par', to: 'identity', optional: false, parallel: 'expand' },
    ]);
    const dot = toDot(described);
    expect(dot).toContain('par -> identity [arrowhead=crow arrowtail=none dir=both]');
    expect(dot).toContain('identity -> collect [arrowtail=crow dir=both]');
    expect(dot).toMatch(/\tpar \[label=.* color="#56E39F" .*peripheries=2/);
    expect(dot).toMatch(/_legend_expand .*_legend_collect/s);
  });
});
