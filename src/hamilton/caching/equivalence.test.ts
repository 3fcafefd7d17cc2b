/**
 * Property: for random DAGs and random sequences of edits (a node's code, an input, an override, the
 * requested outputs, behaviours), a driver over one long-lived cache returns what a driver without a
 * cache returns, and every node `wouldExecute` does not list is retrieved. A seeded generator makes every
 * failure reproducible from its seed.
 */
import { describe, expect, it } from 'vitest';
import { Builder } from '../builder';
import type { Driver } from '../driver';
import { analysedModule, type FunctionSpec } from '../fixtures/analysed';
import type { CacheBehavior } from './behavior';
import { InMemoryMetadataStore, InMemoryResultStore } from './stores';

/** mulberry32: a small seeded generator. */
function generator(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return { next, int, pick: <T>(xs: readonly T[]): T => xs[int(xs.length)] };
}

type Rng = ReturnType<typeof generator>;

/** A node: its dependencies and the body of its function (its code). */
interface NodeSpec {
  readonly deps: readonly string[];
  readonly body: string;
}

/** A stand-in for a connection: cannot be fingerprinted. */
class Connection {
  constructor(readonly name: string) {}
}

const SHAPES = [
  (deps: readonly string[], k: number) => `return ${deps.map((d) => `num(${d})`).join(' + ') || '0'} + ${k};`,
  (deps: readonly string[], k: number) => `return [${deps.map((d) => `num(${d})`).join(', ')}, ${k}];`,
  (deps: readonly string[], k: number) =>
    `return { total: ${deps.map((d) => `num(${d})`).join(' * ') || '1'} % ${k + 7} };`,
  (deps: readonly string[], k: number) =>
    `return Math.sign(${deps.map((d) => `num(${d})`).join(' - ') || '0'}) * ${k % 3};`,
];

function randomBody(rng: Rng, deps: readonly string[]): string {
  return rng.pick(SHAPES)(deps, rng.int(20));
}

// Turns any node value into a number, so every shape can read every other. Written into each node's
// function, which is made from text and so cannot close over it.
const NUM = `const num = (v) => typeof v === 'number' ? v : Array.isArray(v) ? v.reduce((a, b) => a + num(b), 0)
  : v && typeof v === 'object' ? (typeof v.name === 'string' ? v.name.length : num(v.total)) : 0;`;

function randomGraph(rng: Rng): NodeSpec[] {
  const n = 3 + rng.int(7);
  const nodes: NodeSpec[] = [];
  for (let i = 0; i < n; i++) {
    const candidates = ['x', 'y', 'conn', ...nodes.map((_, j) => `n${j}`)];
    const deps = [
      ...new Set(Array.from({ length: rng.int(3) + (i > 0 ? 1 : 0) }, () => rng.pick(candidates))),
    ];
    nodes.push({ deps, body: randomBody(rng, deps) });
  }
  return nodes;
}

function moduleOf(nodes: readonly NodeSpec[]): object {
  const specs: Record<string, FunctionSpec> = {
    // The connection's code never changes, so ignoring it keeps results equal (what `ignore` is for).
    conn: [() => new Connection('db'), []],
  };
  nodes.forEach((node, i) => {
    specs[`n${i}`] = [new Function(...node.deps, `${NUM}\n${node.body}`), node.deps];
  });
  return analysedModule('m', specs);
}

interface State {
  nodes: NodeSpec[];
  inputs: { x: number; y: number };
  overrides: Record<string, unknown>;
  finals: string[];
  behaviors: Partial<Record<Exclude<CacheBehavior, 'default'>, string[]>>;
}

function edit(rng: Rng, state: State): State {
  const names = state.nodes.map((_, i) => `n${i}`);
  const nodes = [...state.nodes];
  switch (rng.int(6)) {
    case 0: {
      const i = rng.int(nodes.length);
      nodes[i] = { deps: nodes[i].deps, body: randomBody(rng, nodes[i].deps) };
      return { ...state, nodes };
    }
    case 1:
      return { ...state, inputs: { ...state.inputs, [rng.pick(['x', 'y'])]: rng.int(5) } };
    case 2: {
      const name = rng.pick(names);
      const overrides = { ...state.overrides };
      if (name in overrides) delete overrides[name];
      else overrides[name] = rng.int(4);
      return { ...state, overrides };
    }
    case 3:
      return { ...state, finals: [...new Set([rng.pick(names), rng.pick(names)])] };
    case 4: {
      const behavior = rng.pick(['recompute', 'disable'] as const);
      return {
        ...state,
        behaviors: { [behavior]: [rng.pick(names)], ignore: rng.next() < 0.5 ? ['conn'] : [] },
      };
    }
    default:
      return state;
  }
}

const eventsOf = (dr: Driver, type: string) => {
  const logs = dr.cache.logs({ runId: dr.cache.lastRunId });
  return Object.keys(logs).filter((n) => logs[n].some((e) => e.eventType === type));
};

async function checkSequence(seed: number): Promise<void> {
  const rng = generator(seed);
  const nodes = randomGraph(rng);
  let state: State = {
    nodes,
    inputs: { x: rng.int(5), y: rng.int(5) },
    overrides: {},
    finals: [`n${nodes.length - 1}`],
    behaviors: {},
  };
  const stores = { metadataStore: new InMemoryMetadataStore(), resultStore: new InMemoryResultStore() };
  for (let step = 0; step < 12; step++) {
    const module = moduleOf(state.nodes);
    const request = { inputs: state.inputs, overrides: state.overrides };
    const expected = new Builder().withModules(module).build().executeSync(state.finals, request);
    const cached = new Builder()
      .withModules(module)
      .withCache({ ...stores, ...state.behaviors })
      .build();
    const stale = new Set(cached.cache.wouldExecute(state.finals, request).map((s) => s.name));
    const useAsync = rng.next() < 0.3;
    const got = useAsync
      ? await cached.execute(state.finals, request)
      : cached.executeSync(state.finals, request);
    const context = `seed ${seed}, step ${step}`;
    expect(got, context).toEqual(expected);
    const executed = eventsOf(cached, 'EXECUTE_NODE');
    for (const name of executed) expect(stale.has(name), `${context}: ${name} ran unannounced`).toBe(true);
    // Running again at once retrieves everything that has the default behaviour and hashable inputs.
    expect(cached.executeSync(state.finals, request), context).toEqual(expected);
    state = edit(rng, state);
  }
}

describe('cached execution equals uncached execution', () => {
  const seeds = Array.from({ length: 40 }, (_, i) => i + 1);
  it.each(seeds)('over a random graph and a random edit sequence (seed %i)', (seed) => checkSequence(seed));
});
