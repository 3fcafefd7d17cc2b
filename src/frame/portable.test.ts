import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { createContext, runInContext } from 'node:vm';
import { expect, it } from 'vitest';

// The library must run in a Web Worker: no DOM, no Node built-ins. Bundled as the playground bundles it,
// it is evaluated in a bare context that has only the JavaScript built-ins.
it('runs with only the JavaScript built-ins (no DOM, no Node globals)', async () => {
  const result = await build({
    entryPoints: [fileURLToPath(new URL('./index.ts', import.meta.url))],
    bundle: true,
    format: 'iife',
    globalName: 'frame',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    write: false,
  });
  expect(result.errors).toEqual([]);
  const context = createContext({});
  runInContext(result.outputFiles[0].text, context);
  const csv = runInContext(
    `const df = frame.readCsv('age,gender\\n20,male\\n40,female');
     const age = df.column('age');
     frame.toCsv(df.assign({ z: age.sub(age.mean()).div(age.std()), male: df.column('gender').eq('male') }));`,
    context,
  );
  expect(csv).toBe('age,gender,z,male\n20,male,-0.7071067811865475,true\n40,female,0.7071067811865475,false');
  expect(runInContext('typeof window + typeof document + typeof process', context)).toBe(
    'undefinedundefinedundefined',
  );
});
