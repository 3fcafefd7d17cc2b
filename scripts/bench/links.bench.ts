/**
 * Share link budgets: each example's link length (hello world ≤ 400 characters, e-commerce ≤ 2,000),
 * and how long encoding and decoding take. The examples are loaded through Vite (their files are
 * `?raw` imports), exactly as the app bundles them.
 */
import { createServer } from 'vite';

const vite = await createServer({ server: { middlewareMode: true }, appType: 'custom', logLevel: 'silent' });
try {
  const { examples } = await vite.ssrLoadModule('/src/examples/index.ts');
  const { encodeLink, decodeLink } = await vite.ssrLoadModule('/src/share/link.ts');
  const budgets: Record<string, number> = { hello: 400, ecommerce: 2000 };
  for (const example of examples as { id: string; workspace: unknown }[]) {
    const link: string = encodeLink(example.workspace);
    const rounds = 200;
    let t = performance.now();
    for (let i = 0; i < rounds; i++) encodeLink(example.workspace);
    const encodeMs = (performance.now() - t) / rounds;
    t = performance.now();
    for (let i = 0; i < rounds; i++) decodeLink(link);
    const decodeMs = (performance.now() - t) / rounds;
    const budget = budgets[example.id] ? ` (budget ${budgets[example.id]})` : '';
    console.log(
      `link ${example.id}: ${link.length} chars${budget}; encode ${encodeMs.toFixed(2)} ms, decode ${decodeMs.toFixed(2)} ms`,
    );
  }
} finally {
  await vite.close();
}
