// A thread of ThreadPoolExecutor (threads.ts). Plain JavaScript, so that a thread started from any host
// (plain Node, tsx, vitest) can load it: it registers the Node loader of src/compiler, which compiles and
// analyses TypeScript, then runs each task with threadTask.ts.
await import('../compiler/register.mjs');
const { runThreadTask } = await import('./threadTask.ts');
export default runThreadTask;
