import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { headersFor, parseHeaders } from './previewHeaders';
import { FRAME_CSP } from '../src/worker/frame';

const rules = parseHeaders(
  readFileSync(fileURLToPath(new URL('../public/_headers', import.meta.url)), 'utf8'),
);
const header = (path: string, name: string) =>
  headersFor(rules, path)
    .filter(([k]) => k === name)
    .map(([, v]) => v);
const directives = (csp: string) =>
  new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/) as [string, ...string[]])
      .map(([k, ...v]) => [k, v.join(' ')]),
  );

describe('the headers a host serves (public/_headers)', () => {
  it('sends nosniff everywhere', () => {
    for (const path of ['/', '/index.html', '/embed.html', '/runner.html', '/assets/x.js'])
      expect(header(path, 'X-Content-Type-Options')).toEqual(['nosniff']);
  });

  it('gives the playground one CSP without inline script or eval, framable by itself only', () => {
    for (const path of ['/', '/index.html']) {
      const csp = header(path, 'Content-Security-Policy');
      expect(csp).toHaveLength(1);
      const d = directives(csp[0]);
      expect(d.get('script-src')).toBe("'self'");
      expect(d.get('frame-ancestors')).toBe("'self'");
      expect(d.get('img-src')).not.toMatch(/https?:|\*/);
    }
  });

  it('lets any page frame an embed, under the same policy otherwise', () => {
    const embed = directives(header('/embed.html', 'Content-Security-Policy')[0]);
    const app = directives(header('/', 'Content-Security-Policy')[0]);
    expect(embed.get('frame-ancestors')).toBe('*');
    embed.delete('frame-ancestors');
    app.delete('frame-ancestors');
    expect(embed).toEqual(app);
  });

  it("serves the runner's document with the runner's own policy", () => {
    expect(header('/runner.html', 'Content-Security-Policy')).toEqual([FRAME_CSP]);
  });
});
