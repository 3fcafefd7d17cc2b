import { deflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { decodeLink, encodeLink, linkUrl } from './link';
import type { Workspace } from './workspace';

const workspace: Workspace = {
  version: 1,
  files: [
    { name: 'functions.ts', code: 'export function a(input: number): number {\n  return input % 7;\n}\n' },
    { name: 'more.ts', code: 'export const b = (a: number): number => a * 2; // é ✓ 𝄞\n' },
  ],
  activeFile: 'more.ts',
  inputs: { input: [1, 2, 3], nested: { deep: [true, null, 'x'] } },
  config: { mode: 'batch' },
  outputs: ['a', 'b'],
  tables: { survey: 'data/survey_results.csv' },
};

const hashOf = (json: unknown) =>
  '#h1.' + Buffer.from(deflateSync(new TextEncoder().encode(JSON.stringify(json)))).toString('base64url');

describe('share links', () => {
  it('round-trips a workspace, unicode included', () => {
    const hash = encodeLink(workspace);
    expect(hash).toMatch(/^#h1\.[A-Za-z0-9_-]+$/);
    expect(decodeLink(hash)).toEqual({ ok: true, workspace });
  });

  it('leaves empty fields out of the link and restores them', () => {
    const minimal: Workspace = {
      ...workspace,
      activeFile: 'functions.ts',
      inputs: {},
      config: {},
      outputs: [],
      tables: {},
    };
    const decoded = decodeLink(encodeLink(minimal));
    expect(decoded).toEqual({ ok: true, workspace: minimal });
    expect(encodeLink(minimal).length).toBeLessThan(encodeLink(workspace).length);
  });

  it('replaces the hash of a full URL', () => {
    const url = linkUrl(workspace, 'https://example.org/play/?embed=1#old');
    expect(url.startsWith('https://example.org/play/?embed=1#h1.')).toBe(true);
    expect(decodeLink(new URL(url).hash)).toMatchObject({ ok: true });
  });

  it('tells "no link" from a broken one', () => {
    expect(decodeLink('')).toBeNull();
    expect(decodeLink('#results')).toBeNull();
    expect(decodeLink('#h1')).toMatchObject({ ok: false, problem: 'malformed' });
    expect(decodeLink('#h1.')).toMatchObject({ ok: false, problem: 'malformed' });
  });

  it('refuses a truncated link', () => {
    const hash = encodeLink(workspace);
    expect(decodeLink(hash.slice(0, hash.length - 10))).toMatchObject({ ok: false, problem: 'malformed' });
  });

  it('refuses bad base64', () => {
    expect(decodeLink('#h1.abc$def')).toMatchObject({ ok: false, problem: 'malformed' });
    expect(decodeLink('#h1.a')).toMatchObject({ ok: false, problem: 'malformed' });
  });

  it('refuses future versions, in the prefix and in the JSON', () => {
    expect(decodeLink('#h2.AAAA')).toMatchObject({ ok: false, problem: 'future-version' });
    expect(decodeLink(hashOf({ ...workspace, version: 2 }))).toMatchObject({
      ok: false,
      problem: 'future-version',
    });
    expect(decodeLink('#h0.AAAA')).toMatchObject({ ok: false, problem: 'malformed' });
  });

  // Compressing the bomb is the slow part on a loaded machine, not refusing it.
  it('stops inflating a deflate bomb past 512 KB', { timeout: 60_000 }, () => {
    // 16 MB of spaces compress to ~16 KB: thirty-two times the bound once inflated.
    const bomb = new Uint8Array(16 * 1024 * 1024).fill(32);
    const hash = '#h1.' + Buffer.from(deflateSync(bomb, { level: 9 })).toString('base64url');
    expect(decodeLink(hash)).toMatchObject({
      ok: false,
      problem: 'too-large',
      message: expect.stringContaining('512 KB'),
    });
  });

  it('accepts just under 512 KB and refuses just over', () => {
    const code = (n: number) => 'x'.repeat(n);
    const under = { ...workspace, files: [{ name: 'big.ts', code: code(500 * 1024) }], activeFile: 'big.ts' };
    const over = { ...under, files: [{ name: 'big.ts', code: code(513 * 1024) }] };
    expect(decodeLink(hashOf(under))).toMatchObject({ ok: true });
    expect(decodeLink(hashOf(over))).toMatchObject({ ok: false, problem: 'too-large' });
  });

  it('refuses wrong JSON shapes with a message', () => {
    const cases: unknown[] = [
      null,
      [],
      'text',
      { version: 1 },
      { version: 1, files: [] },
      { version: 1, files: [{ name: 'a.js', code: '' }] },
      { version: 1, files: [{ name: '../etc/passwd.ts', code: '' }] },
      { version: 1, files: [{ name: 'a.ts' }] },
      {
        version: 1,
        files: [
          { name: 'a.ts', code: '' },
          { name: 'a.ts', code: '' },
        ],
      },
      { version: 1, files: [{ name: 'a.ts', code: '' }], activeFile: 'b.ts' },
      { version: 1, files: [{ name: 'a.ts', code: '' }], inputs: [] },
      { version: 1, files: [{ name: 'a.ts', code: '' }], inputs: { ['__proto__']: 1 } },
      { version: 1, files: [{ name: 'a.ts', code: '' }], outputs: [1] },
      { version: 1, files: [{ name: 'a.ts', code: '' }], tables: { t: 3 } },
      { version: 1.5, files: [{ name: 'a.ts', code: '' }] },
      { version: '1', files: [{ name: 'a.ts', code: '' }] },
      { version: 1, files: Array.from({ length: 65 }, (_, i) => ({ name: `f${i}.ts`, code: '' })) },
    ];
    for (const json of cases) {
      const decoded = decodeLink(hashOf(json));
      expect(decoded, JSON.stringify(json)?.slice(0, 80)).toMatchObject({ ok: false, problem: 'invalid' });
      expect((decoded as { message: string }).message.length).toBeGreaterThan(5);
    }
  });

  it('refuses JSON nested too deeply without overflowing the stack', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const text = `{"version":1,"files":[{"name":"a.ts","code":""}],"inputs":{"x":${deep}}}`;
    const hash = '#h1.' + Buffer.from(deflateSync(new TextEncoder().encode(text))).toString('base64url');
    expect(decodeLink(hash)).toMatchObject({ ok: false, problem: 'invalid' });
  });

  it('does not let a "__proto__" key in JSON change any prototype', () => {
    const text =
      '{"version":1,"files":[{"name":"a.ts","code":""}],"config":{"x":{"__proto__":{"polluted":true}}}}';
    const hash = '#h1.' + Buffer.from(deflateSync(new TextEncoder().encode(text))).toString('base64url');
    expect(decodeLink(hash)).toMatchObject({ ok: false, problem: 'invalid' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
