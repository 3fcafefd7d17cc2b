/**
 * esbuild's wasm is several times slower on its first builds (measured in Chromium: 1.1 s, 0.3 s,
 * 0.3 s, 0.26 s, 0.16 s, and only then tens of milliseconds): the runtime worker bundles a small project
 * a few times at start, so that V8 has tiered it up before the user's first edit.
 */
import { bundle, type Esbuild } from './build';

const WARM_UP = [
  {
    name: 'warm_up.ts',
    code: "import { tag } from 'hamilton';\n/** a */\nexport function a(x: number): number { return x + 1; }\nexport const b = tag({ owner: 'x' })(function b(a: number): number { return a * 2; });\n",
  },
];

const WARM_UP_ROUNDS = 12;

/** Bundles the warm-up project, yielding between rounds and stopping once `idle()` is false. */
export async function warmUp(esbuild: Esbuild, idle: () => boolean): Promise<void> {
  for (let round = 0; round < WARM_UP_ROUNDS; round++) {
    await new Promise((resolve) => setTimeout(resolve));
    if (!idle()) return;
    // A different text each round: the compiler returns the previous result for identical input.
    await bundle(
      esbuild,
      WARM_UP.map((f) => ({ ...f, code: `${f.code}// round ${round}\n` })),
    );
  }
}
