/**
 * Monaco's start, a step per task: evaluating its core, its contributions (in two parts) and our editor
 * module at once held the page for 150–400 ms in one task; each on its own takes far less, and the page
 * paints and answers input between them. Its services, and TypeScript's tokenizer, are made in tasks of
 * their own too, before the editor (see `startContributions.ts` for what comes after it).
 */
import { nextTask } from '../shared/nextTask';
import { themeStore } from '../theme/theme';

export async function loadEditor() {
  await import('monaco-editor/editor');
  await nextTask();
  await import('./monacoFeaturesFirst');
  await nextTask();
  await import('monaco-editor/features/register.all');
  await nextTask();
  const editor = await import('./MonacoEditor');
  await nextTask();
  const { startLanguage, startServices } = await import('./monaco');
  startServices(themeStore.get().theme);
  await nextTask();
  startLanguage();
  await nextTask();
  return editor;
}
