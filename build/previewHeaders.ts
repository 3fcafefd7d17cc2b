/**
 * `vite preview` serves the response headers of `public/_headers` (the file static hosts such as
 * Netlify and Cloudflare Pages read), so the tests and benchmarks run under the headers a host must
 * send. Only what that file uses is understood: a path (exact, or ending in `*`) and indented
 * `Name: value` lines; every matching rule applies, in order.
 */
import type { Plugin } from 'vite';
import { readFileSync } from 'node:fs';

/** One rule of the file: a path pattern and its headers. */
export interface HeaderRule {
  readonly path: string;
  readonly headers: readonly (readonly [string, string])[];
}

/** The rules of a `_headers` file. */
export function parseHeaders(text: string): HeaderRule[] {
  const rules: { path: string; headers: [string, string][] }[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    if (!/^\s/.test(line)) {
      rules.push({ path: line.trim(), headers: [] });
      continue;
    }
    const colon = line.indexOf(':');
    const rule = rules.at(-1);
    if (colon < 0 || !rule) throw new Error(`_headers: cannot read "${line.trim()}"`);
    rule.headers.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
  }
  return rules;
}

/** The headers for a request path (without query), from every rule that matches it. */
export function headersFor(rules: readonly HeaderRule[], path: string): [string, string][] {
  const matches = (pattern: string) =>
    pattern.endsWith('*') ? path.startsWith(pattern.slice(0, -1)) : path === pattern;
  return rules
    .filter((r) => matches(r.path))
    .flatMap((r) => r.headers.map(([k, v]) => [k, v] as [string, string]));
}

/** The plugin; `file` is the `_headers` file to serve. */
export function previewHeaders(file: string): Plugin {
  return {
    name: 'hamilton-preview-headers',
    configurePreviewServer(server) {
      const rules = parseHeaders(readFileSync(file, 'utf8'));
      server.middlewares.use((req, res, next) => {
        const path = new URL(req.url ?? '/', 'http://localhost').pathname;
        for (const [name, value] of headersFor(rules, path)) res.setHeader(name, value);
        next();
      });
    },
  };
}
