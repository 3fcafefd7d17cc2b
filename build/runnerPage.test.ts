import { describe, expect, it } from 'vitest';
import type { ViteDevServer } from 'vite';
import { FRAME_CSP, RUNNER_PAGE } from '../src/worker/frame';
import { runnerPage } from './runnerPage';

describe('the runner page in dev', () => {
  it('is served with the policy the frame asks for, or the browser refuses to show it', () => {
    let path = '';
    let handler: ((req: unknown, res: unknown) => void) | undefined;
    const server = {
      middlewares: {
        use: (p: string, h: (req: unknown, res: unknown) => void) => ((path = p), (handler = h)),
      },
    } as unknown as ViteDevServer;
    const plugin = runnerPage();
    (plugin.configureServer as (s: ViteDevServer) => void)(server);
    const headers: Record<string, string> = {};
    let body = '';
    handler!({}, { setHeader: (k: string, v: string) => (headers[k] = v), end: (b: string) => (body = b) });
    expect(path).toBe(`/${RUNNER_PAGE}`);
    expect(headers['Content-Security-Policy']).toBe(FRAME_CSP);
    expect(body).toContain('<!doctype html>');
  });
});
