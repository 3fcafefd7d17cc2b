import type { Plugin } from 'vite';
// Placeholder until the analysis plugin lands (see src/compiler/README.md).
export function hamiltonAnalysis(): Plugin {
  return { name: 'hamilton-analysis' };
}
