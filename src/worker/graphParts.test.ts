import { describe, expect, it } from 'vitest';
import { compiledEvent, graphMessage } from './fixtures/events';
import { graphJoiner, inParts } from './graphParts';
import type { CompiledEvent, CompiledPart } from './protocol';
import { parseWorkerMessage, parseWorkerPart } from './validate';

/** A compile answer of a chain of `size` nodes (`n0` → `n1` → …), each also a variable. */
function chain(size: number, id = 1): CompiledEvent {
  const [node] = graphMessage.nodes;
  const nodes = Array.from({ length: size }, (_, i) => ({ ...node, name: `n${i}` }) as const);
  const edges = nodes.slice(1).map((n, i) => ({ from: `n${i}`, to: n.name, optional: false }));
  return {
    ...compiledEvent(id),
    graph: { nodes, edges, cycles: [['n0', 'n1']] },
    variables: nodes.map(({ isOutput: _o, isOverride: _v, onPath: _p, ...variable }) => variable),
    diagnostics: [{ severity: 'warning', source: 'graph', message: 'note' }],
  } as CompiledEvent;
}

/** The messages, as the page would check and join them. */
function joined(messages: readonly (CompiledPart | CompiledEvent)[]): CompiledEvent {
  const joiner = graphJoiner();
  for (const message of messages.slice(0, -1)) joiner.add(message as CompiledPart);
  return joiner.complete(messages.at(-1) as CompiledEvent);
}

describe('a big compile answer in parts', () => {
  it('sends a small graph, or none, as the one event', () => {
    const small = chain(10);
    expect(inParts(small, 10)).toEqual([small]);
    const failed = { ...compiledEvent(2), graph: null };
    expect(inParts(failed, 10)).toEqual([failed]);
  });

  it('cuts every list into the same number of near-equal slices, at most the part size', () => {
    const messages = inParts(chain(25), 10);
    expect(messages.map((m) => m.type)).toEqual(['compiled-part', 'compiled-part', 'compiled']);
    const parts = messages.slice(0, -1) as CompiledPart[];
    const last = messages.at(-1) as CompiledEvent;
    expect(parts.map((p) => [p.nodes.length, p.edges.length, p.variables.length])).toEqual([
      [8, 8, 8],
      [8, 8, 8],
    ]);
    expect([last.graph!.nodes.length, last.graph!.edges.length, last.variables.length]).toEqual([9, 8, 9]);
    expect(parts.every((p) => p.id === 1)).toBe(true);
  });

  it('joins the parts back into the event it was, in order, the other fields untouched', () => {
    const event = chain(2_345, 7);
    const messages = inParts(event, 500);
    expect(messages).toHaveLength(5);
    expect(joined(messages)).toEqual(event);
  });

  it('joins parts that passed the page check one by one', () => {
    const event = chain(57, 3);
    const checked = inParts(event, 10).map((m) =>
      m.type === 'compiled-part' ? parseWorkerPart(m) : parseWorkerMessage(m),
    );
    expect(checked.every(Boolean)).toBe(true);
    expect(joined(checked as (CompiledPart | CompiledEvent)[])).toEqual(event);
  });

  it('drops parts of another compile: a newer answer is joined only with its own', () => {
    const old = inParts(chain(30, 1), 10);
    const fresh = inParts(chain(30, 2), 10);
    const joiner = graphJoiner();
    joiner.add(old[0] as CompiledPart);
    for (const part of fresh.slice(0, -1)) joiner.add(part as CompiledPart);
    expect(joiner.complete(fresh.at(-1) as CompiledEvent)).toEqual(chain(30, 2));
    // Parts whose event never came are not put in front of the next one.
    joiner.add(old[0] as CompiledPart);
    const next = chain(5, 3);
    expect(joiner.complete(next)).toEqual(next);
  });

  it('gives an answer without a graph as it came, dropping parts before it', () => {
    const joiner = graphJoiner();
    joiner.add(inParts(chain(30, 4), 10)[0] as CompiledPart);
    const failed = { ...compiledEvent(4), graph: null };
    expect(joiner.complete(failed)).toBe(failed);
  });
});
