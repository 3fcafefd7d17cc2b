// Debian's Chromium and a `vite preview` of a build: what the browser tests and the browser benchmarks
// share. Never a downloaded browser: this machine cannot download one.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

/** Flags for headless Chromium here: no sandbox as root, and no calls to Google's services. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** `CHROMIUM_PATH`, else the `chromium` on the PATH, else Debian's. */
export function chromiumPath(): string {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  try {
    return execFileSync('which', ['chromium'], { encoding: 'utf8' }).trim();
  } catch {
    return '/usr/bin/chromium';
  }
}

/** Builds the app into `dist` unless it is there (or `rebuild` says to). */
export function ensureBuild(dist: string, rebuild = false): void {
  if (!rebuild && existsSync(join(dist, 'index.html'))) return;
  execFileSync(
    process.execPath,
    ['node_modules/vite/bin/vite.js', 'build', '--mode', 'test', '--outDir', dist, '--logLevel', 'error'],
    {
      stdio: 'inherit',
    },
  );
}

/**
 * Serves `dist` with vite's own binary (so the process stopped is the server itself) on 127.0.0.1:`port`
 * and resolves once it answers.
 */
export async function startPreview(dist: string, port: number): Promise<ChildProcess> {
  const server = spawn(
    process.execPath,
    [
      'node_modules/vite/bin/vite.js',
      'preview',
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--strictPort',
      '--outDir',
      dist,
    ],
    { stdio: 'ignore' },
  );
  for (let i = 0; i < 150; i++) {
    if (
      await fetch(`http://127.0.0.1:${port}/`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return server;
    await new Promise((r) => setTimeout(r, 200));
  }
  server.kill();
  throw new Error(`vite preview did not answer on port ${port}`);
}

/**
 * Builds `dist` (unless it is there and `rebuild` is false), serves it on `port`, launches Chromium and
 * runs `body` with it; the browser and the server are stopped however `body` ends.
 */
export async function withServedBuild<T>(
  dist: string,
  port: number,
  rebuild: boolean,
  body: (browser: Browser) => Promise<T>,
): Promise<T> {
  ensureBuild(dist, rebuild);
  const server = await startPreview(dist, port);
  try {
    const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
    try {
      return await body(browser);
    } finally {
      await browser.close();
    }
  } finally {
    server.kill();
  }
}
