/**
 * Light and dark themes: follow the system unless the user picked one (remembered in localStorage).
 * The resolved theme is the `data-theme` attribute of <html>, which the CSS variables key on.
 */
import { useSyncExternalStore } from 'react';
import { preferences, readItem, writeItem } from '../../share/storage';
import { createStore } from '../state/store';

export type ThemeChoice = 'system' | 'light' | 'dark';
export type Theme = 'light' | 'dark';

const KEY = 'hamilton-playground:theme';
const media = matchMedia('(prefers-color-scheme: dark)');

function readChoice(): ThemeChoice {
  const saved = readItem(preferences, KEY);
  return saved === 'light' || saved === 'dark' ? saved : 'system';
}

/** The theme the system asks for. */
export const systemTheme = (): Theme => (media.matches ? 'dark' : 'light');

const resolve = (choice: ThemeChoice): Theme => (choice === 'system' ? systemTheme() : choice);

export const themeStore = createStore({ choice: readChoice(), theme: resolve(readChoice()) });

themeStore.subscribe(({ theme }) => {
  document.documentElement.dataset.theme = theme;
});
document.documentElement.dataset.theme = themeStore.get().theme;
media.addEventListener('change', () => {
  const { choice } = themeStore.get();
  themeStore.set({ choice, theme: resolve(choice) });
});

export function setThemeChoice(choice: ThemeChoice): void {
  // Private mode: the choice lasts for this page only.
  writeItem(preferences, KEY, choice);
  themeStore.set({ choice, theme: resolve(choice) });
}

export function useTheme() {
  return useSyncExternalStore(themeStore.subscribe, themeStore.get);
}
