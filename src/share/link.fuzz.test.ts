/**
 * Fuzzes the link decoder with 12,000 random and mutated links. Whatever it is given, the decoder must
 * return (never throw), and anything it accepts must be a valid workspace that encodes back to itself.
 * Seeded, so a failure reproduces.
 */
import { deflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { decodeLink, encodeLink } from './link';
import { isValidWorkspace } from './validate';
import type { Workspace } from './workspace';
import { random } from '../../scripts/random';

// Each test seeds its own sequence, so one test's failure reproduces when it runs alone.
let rand = random(0);
const int = (n: number) => Math.floor(rand() * n);
const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)];

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const NOISE = BASE64URL + '+/=.#%~ \n\u0000é𝄞';

const valid: Workspace = {
  version: 1,
  files: [
    { name: 'functions.ts', code: 'export function a(input: number): number { return input % 7; }\n' },
    {
      name: 'features.ts',
      code: "import { tag } from 'hamilton';\nexport const b = (a: number) => a * 2;\n",
    },
  ],
  activeFile: 'features.ts',
  inputs: { input: [1, 2, 3, 4, 5] },
  config: { mode: 'streaming' },
  outputs: ['a', 'b'],
  tables: { survey: 'data/survey_results.csv' },
};
const validHash = encodeLink(valid);

const hashOfBytes = (bytes: Uint8Array, prefix = 'h1.') =>
  `#${prefix}${Buffer.from(deflateSync(bytes)).toString('base64url')}`;
const hashOf = (json: unknown) => hashOfBytes(new TextEncoder().encode(JSON.stringify(json) ?? 'undefined'));

function randomString(chars: string, max: number): string {
  let s = '';
  for (let n = int(max); n > 0; n--) s += chars[int(chars.length)];
  return s;
}

function randomJson(depth: number): unknown {
  switch (int(depth > 3 ? 5 : 8)) {
    case 0:
      return null;
    case 1:
      return rand() < 0.5;
    case 2:
      return pick([0, -1, 1e308, 3.5, 2 ** 53, 1]);
    case 3:
      return randomString(NOISE, 12);
    case 4:
      return pick(['functions.ts', 'a.ts', '', '__proto__', 'data/x.csv', 'constructor']);
    case 5:
      return Array.from({ length: int(4) }, () => randomJson(depth + 1));
    default:
      return Object.fromEntries(
        Array.from({ length: int(4) }, () => [
          pick([
            'version',
            'files',
            'name',
            'code',
            'activeFile',
            'inputs',
            'config',
            'outputs',
            'tables',
            '__proto__',
            'x',
          ]),
          randomJson(depth + 1),
        ]),
      );
  }
}

/** A valid workspace with one field replaced, deleted or deepened. */
function mutatedWorkspace(): unknown {
  const ws: Record<string, unknown> = structuredClone(valid) as never;
  const key = pick(['version', 'files', 'activeFile', 'inputs', 'config', 'outputs', 'tables']);
  const r = rand();
  if (r < 0.2) delete ws[key];
  else if (r < 0.6) ws[key] = randomJson(0);
  else if (r < 0.8) {
    const files = ws.files as Record<string, unknown>[];
    const file = files[int(files.length)];
    file[pick(['name', 'code'])] = randomJson(1);
  } else {
    ws[key] = { wrap: ws[key], extra: randomJson(1) };
  }
  return ws;
}

function mutatedText(hash: string): string {
  const chars = [...hash];
  switch (int(5)) {
    case 0:
      return hash.slice(0, int(hash.length)); // truncated
    case 1:
      chars[4 + int(chars.length - 4)] = pick([...NOISE]);
      return chars.join(''); // one char changed
    case 2:
      chars.splice(4 + int(chars.length - 4), 1 + int(3));
      return chars.join(''); // chars dropped
    case 3:
      return hash.replace('h1.', pick(['h2.', 'h9.', 'h10.', 'h1', 'h.', 'H1.', 'h01.', 'h1..'])); // version
    default:
      return hash + randomString(BASE64URL, 6); // trailing garbage
  }
}

function check(hash: string): void {
  let decoded: ReturnType<typeof decodeLink>;
  try {
    decoded = decodeLink(hash);
  } catch (error) {
    throw new Error(`decodeLink threw on ${JSON.stringify(hash.slice(0, 120))}: ${String(error)}`, {
      cause: error,
    });
  }
  if (decoded === null) return;
  if (decoded.ok) {
    expect(isValidWorkspace(decoded.workspace)).toBe(true);
    expect(decodeLink(encodeLink(decoded.workspace))).toEqual(decoded);
  } else {
    expect(['malformed', 'too-large', 'future-version', 'invalid']).toContain(decoded.problem);
    expect(typeof decoded.message).toBe('string');
  }
}

// Thousands of decodes take seconds on a busy machine: a generous timeout, not a speed check.
describe('link decoder fuzz', { timeout: 120_000 }, () => {
  it('survives 3,000 random strings', () => {
    rand = random(1);
    for (let i = 0; i < 3000; i++) {
      check(
        pick(['', '#', '#h1.', 'h1.', '#h2.', '#h1']) + randomString(rand() < 0.7 ? BASE64URL : NOISE, 300),
      );
    }
  });

  it('survives 4,000 mutations of a valid link', () => {
    rand = random(2);
    for (let i = 0; i < 4000; i++) check(mutatedText(validHash));
  });

  it('survives 4,000 well-encoded links of wrong JSON shapes', () => {
    rand = random(3);
    let accepted = 0;
    for (let i = 0; i < 4000; i++) {
      const json = rand() < 0.6 ? mutatedWorkspace() : randomJson(0);
      const hash = hashOf(json);
      check(hash);
      if (decodeLink(hash)?.ok) accepted++;
    }
    // Some mutations (an absent optional field) are still valid: the fuzz must exercise both paths.
    expect(accepted).toBeGreaterThan(0);
    expect(accepted).toBeLessThan(4000);
  });

  it('survives 900 links of bad bytes (not UTF-8, not JSON, not deflate)', () => {
    rand = random(4);
    for (let i = 0; i < 300; i++) {
      const bytes = Uint8Array.from({ length: int(200) }, () => int(256));
      check(hashOfBytes(bytes));
      check(`#h1.${Buffer.from(bytes).toString('base64url')}`);
      check(hashOfBytes(bytes, pick(['h1.', 'h3.'])));
    }
  });

  it('refuses 60 deflate bombs and huge file counts', () => {
    rand = random(5);
    for (let i = 0; i < 40; i++) {
      const size = 512 * 1024 + 1 + int(4 * 1024 * 1024);
      const bomb = new Uint8Array(size).fill(pick([32, 48, 0x7b]));
      expect(decodeLink(hashOfBytes(bomb))).toMatchObject({ ok: false, problem: 'too-large' });
    }
    for (let i = 0; i < 20; i++) {
      const files = Array.from({ length: 65 + int(50_000) }, (_, k) => ({ name: `f${k}.ts`, code: '' }));
      const decoded = decodeLink(hashOf({ version: 1, files }));
      expect(decoded).toMatchObject({ ok: false });
      expect(['invalid', 'too-large']).toContain((decoded as { problem: string }).problem);
    }
  });
});
