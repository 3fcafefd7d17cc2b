import { describe, expect, it } from 'vitest';
import type { DescribedNode, GraphDescription } from 'hamilton';
import { buildEdgeCheck } from './edgeCheck';

const fn = (
  name: string,
  file: string,
  line: number,
  column: number,
  extra: Partial<DescribedNode> = {},
): DescribedNode => ({
  name,
  kind: 'function',
  type: 'number',
  tags: {},
  documentation: '',
  isExternalInput: false,
  requiredDependencies: [],
  optionalDependencies: [],
  isOutput: false,
  isOverride: false,
  onPath: true,
  location: { file, line, column },
  ...extra,
});

const a = 'export function a(x: number): string {\n  return String(x);\n}\n';
const b = "import { a } from './a';\nexport function b(y: number, a: number): number {\n  return a + y;\n}\n";

describe('buildEdgeCheck', () => {
  const graph: GraphDescription = {
    nodes: [
      { ...fn('x', 'a.ts', 1, 1), kind: 'input' },
      fn('a', 'a.ts', 1, 8),
      fn('b', 'b.ts', 2, 8),
      fn('c', 'b.ts', 9, 1, { functionName: 'make_c' }),
    ],
    edges: [
      { from: 'x', to: 'a', optional: false },
      { from: 'a', to: 'b', optional: false },
      { from: 'a', to: 'c', optional: false },
    ],
    cycles: [],
  };
  const check = buildEdgeCheck(graph, [
    { name: 'a.ts', code: a },
    { name: 'b.ts', code: b },
  ]);
  it('wires each function-to-function edge to the consumer parameter that receives it', () => {
    expect(check.code).toContain("import type * as __m0 from './b';");
    expect(check.code).toContain("import type * as __m1 from './a';");
    expect(check.code).toContain(
      'Parameters<typeof __m0.b>[1] = null as unknown as Awaited<ReturnType<typeof __m1.a>>',
    );
    expect(check.probes).toEqual([
      expect.objectContaining({ from: 'a', to: 'b', file: 'b.ts', line: 2, column: 30 }),
    ]);
    const probe = check.probes[0];
    expect(check.code.slice(probe.start, probe.end)).toMatch(/^\{ const __v: .*\}$/);
  });
  it('skips inputs and nodes that are not their function (decorator-made)', () => {
    expect(check.probes.map((p) => p.to)).toEqual(['b']);
  });
});
