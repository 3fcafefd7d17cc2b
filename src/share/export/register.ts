/**
 * `node --import ./hamilton/register.mjs driver.ts`: registers the hooks that let Node run the
 * project's TypeScript modules (bundled to `hamilton/register.mjs` in an exported project).
 */
import { register } from 'node:module';

register('./hooks.mjs', import.meta.url);
