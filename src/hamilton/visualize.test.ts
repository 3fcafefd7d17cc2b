import { describe, expect, it } from 'vitest';
import { Driver } from './driver';
import { analysedModule } from './fixtures/analysed';
import { toDot } from './visualize';
import { to } from './io/materialization';
import { DictResult } from './results';

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
  it('describes the nodes an execution touches, with kind, flags, config values and their edges', () => {
    const g = dr.visualizeExecution(['c'], { inputs: { input: [1] }, overrides: { b: [0] } });
    const byName = Object.fromEntries(g.nodes.map((n) => [n.name, n]));
    // d is not needed and the optional bonus is not given: Hamilton draws neither; config notes always
    expect(g.nodes.map((n) => n.name)).toEqual(['a', 'b', 'c', 'input', 'scale', 'mode name']);
    expect(byName.c).toMatchObject({
      kind: 'function',
      isOutput: true,
      isOverride: false,
      onPath: true,
      type: 'Map<string, number>',
    });
    expect(byName.b).toMatchObject({ isOverride: true, onPath: true });
    expect(byName.scale).toMatchObject({ kind: 'config', value: '2', onPath: true });
    expect(byName['mode name']).toMatchObject({ kind: 'config', value: 'fast', onPath: false });
    expect(g.edges).not.toContainEqual({ from: 'bonus', to: 'c', optional: true });
    expect(g.edges).toContainEqual({ from: 'a', to: 'c', optional: false });
    expect(dr.displayAllFunctions().edges).toContainEqual({ from: 'bonus', to: 'c', optional: true });
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

  it('visualizeExecution refuses missing inputs unless bypassValidation, and always unknown outputs', () => {
    expect(() => dr.visualizeExecution(['c'])).toThrow(
      "1 errors encountered: \n  Error: Required input input not provided for nodes: ['a'].; Use `bypass_validation=True` to skip validation",
    );
    const drawn = dr.visualizeExecution(['c'], { bypassValidation: true });
    expect(drawn.nodes.find((n) => n.name === 'input')?.onPath).toBe(true);
    expect(() => dr.visualizeExecution(['zzz'], { bypassValidation: true })).toThrow(
      'Unknown nodes [zzz] requested. Check for typos?',
    );
  });

  it('displayUpstreamOf shows the named nodes and everything they read', () => {
    const g = dr.displayUpstreamOf('b');
    expect(g.nodes.map((n) => n.name)).toEqual(['a', 'b', 'input', 'scale', 'mode name']);
    expect(g.edges.map((e) => `${e.from}->${e.to}`)).toEqual(['input->a', 'scale->a', 'a->b']);
    expect(() => dr.displayUpstreamOf('zzz')).toThrow('Unknown nodes [zzz] requested');
  });

  it('displayDownstreamOf shows what depends on the named nodes, and what those read from elsewhere', () => {
    const g = dr.displayDownstreamOf('b');
    expect(g.nodes.map((n) => n.name)).toEqual(['a', 'b', 'c', 'd', 'scale', 'bonus', 'mode name']);
    expect(g.nodes.find((n) => n.name === 'input')).toBeUndefined();
  });

  it('visualizePathBetween marks the path, adds its other dependencies unless strict, and refuses no path', () => {
    const g = dr.visualizePathBetween('a', 'c');
    const onPath = g.nodes.filter((n) => n.onPath).map((n) => n.name);
    expect(onPath).toEqual(['a', 'b', 'c']);
    expect(g.nodes.map((n) => n.name)).toEqual(['a', 'b', 'c', 'input', 'scale', 'bonus', 'mode name']);
    const strict = dr.visualizePathBetween('a', 'c', { strictPathVisualization: true });
    expect(strict.nodes.map((n) => n.name)).toEqual(['a', 'b', 'c', 'scale', 'mode name']);
    expect(() => dr.visualizePathBetween('d', 'a')).toThrow('No path found between d and a.');
    expect(() => dr.visualizePathBetween('zzz', 'a')).toThrow('Upstream node zzz not found in graph.');
  });
});

describe('toDot', () => {
  it('draws an execution in Hamilton style: only the path, outputs, overrides, inputs, config, legend', () => {
    const dot = toDot(dr.visualizeExecution(['c'], { inputs: { input: [1] }, overrides: { b: [0] } }));
    expect(dot).toBe(`digraph {
	graph [compound=true concentrate=true rankdir=LR ranksep=0.4 style=filled]
	node [fillcolor="#ffffff"]
	scale [label=<<b>scale</b><br /><br /><i>2</i>> fontname=Helvetica shape=note style=filled]
	"mode name" [label=<<b>mode name</b><br /><br /><i>fast</i>> fontname=Helvetica shape=note style=filled]
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

  it('draws a path between two nodes outlined in red, beside the nodes it reads', () => {
    const dot = toDot(dr.visualizePathBetween('a', 'b', { strictPathVisualization: false }), {
      orient: 'TB',
    });
    expect(dot).toContain('rankdir=TB');
    expect(dot).toMatch(/\ta \[label=.* color=red fillcolor/);
    expect(dot).toContain('\ta -> b [color=red]\n');
    expect(dot).toContain('\tscale -> a\n');
    expect(dot).not.toContain('\td [');
    // an execution is drawn without the red outline: everything shown is on its path
    expect(toDot(dr.visualizeExecution(['b'], { inputs: { input: [1] } }))).not.toContain('red');
  });

  it('hides or shares input tables, and draws no legend when asked', () => {
    const two = analysedModule('two', {
      x: [
        (p: number, q: number) => p + q,
        [
          { name: 'p', type: 'number' },
          { name: 'q', type: 'number' },
        ],
      ],
      y: [
        (p: number, q: number) => p * q,
        [
          { name: 'p', type: 'number' },
          { name: 'q', type: 'number' },
        ],
      ],
    });
    const d2 = new Driver({}, two);
    const shared = toDot(d2.displayAllFunctions(), { deduplicateInputs: true, showLegend: false });
    expect(shared.match(/_inputs \[label/g)).toHaveLength(1);
    expect(shared).toContain('\t_x_inputs -> y\n');
    expect(shared).not.toContain('Legend');
    expect(toDot(d2.displayAllFunctions()).match(/_inputs \[label/g)).toHaveLength(2);
    expect(toDot(d2.displayAllFunctions(), { hideInputs: true })).not.toContain('_inputs');
  });

  it('draws savers and loaders as cylinders, schemas as fields, and custom styles with their legend entry', () => {
    const desc = dr.displayAllFunctions();
    const nodes = desc.nodes.map((n) =>
      n.name === 'd'
        ? {
            ...n,
            tags: {
              ...n.tags,
              'hamilton.data_saver': 'true',
              'hamilton.data_saver.classname': 'JSONDataSaver',
            },
          }
        : n.name === 'c'
          ? { ...n, tags: { ...n.tags, 'hamilton.internal.schema_output': 'foo=int,barbaz=float' } }
          : n,
    );
    const dot = toDot(
      { ...desc, nodes },
      {
        customStyleFunction: ({ node, nodeClass }) =>
          node.name === 'b' && nodeClass === 'function'
            ? [{ fillcolor: 'pink' }, 'function', 'pink nodes']
            : [{}],
      },
    );
    expect(dot).toMatch(/\td \[label=<<b>d<\/b><br \/><br \/><i>JSONDataSaver<\/i>> .*shape=cylinder/);
    expect(dot).toContain('\tsubgraph cluster_c {');
    expect(dot).toContain('"c:foo=int     " [label="foo=int     "');
    expect(dot).toMatch(/\tb \[label=.*fillcolor=pink/);
    expect(dot).toMatch(/_legend_materializer .*shape=cylinder/);
    expect(dot).toMatch(/_legend_cluster /);
    expect(dot).toContain('"_legend_pink nodes" [label="pink nodes"');
    expect(toDot({ ...desc, nodes }, { showSchema: false })).not.toContain('cluster_c');
  });

  it('draws the config in every drawing (Hamilton test_display_config_node)', () => {
    const dummy = analysedModule('dummy_functions', {
      A: [
        (b: number, c: number) => b + c,
        [
          { name: 'b', type: 'number' },
          { name: 'c', type: 'number' },
        ],
        { returnType: 'number' },
      ],
      B: [(A: number) => A * A, [{ name: 'A', type: 'number' }], { returnType: 'number' }],
      C: [(A: number) => A * 2, [{ name: 'A', type: 'number' }], { returnType: 'number' }],
    });
    const d = new Driver({ X: 1 }, dummy);
    const inputs = { b: 1, c: 2 };
    const drawings = [
      d.displayAllFunctions(),
      d.displayDownstreamOf('A'),
      d.displayUpstreamOf('C'),
      d.visualizePathBetween('A', 'C'),
      d.visualizeExecution(['C'], { inputs }),
      d.visualizeMaterialization(
        to.json({ id: 'saver', dependencies: ['C'], combine: new DictResult(), path: 'saver.json' }),
        { inputs },
      ),
    ];
    for (const drawing of drawings)
      expect(
        toDot(drawing)
          .split('\n')
          .some((l) => l.startsWith('\tX ')),
      ).toBe(true);
    expect(toDot(drawings[5])).toMatch(/\tsaver \[label=<<b>saver<\/b><br \/><br \/><i>JSONDataSaver<\/i>>/);
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
