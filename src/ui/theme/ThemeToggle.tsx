import { setThemeChoice, systemTheme, useTheme, type Theme } from './theme';

const ICON: Record<Theme, string> = { light: '☀', dark: '☾' };

/**
 * Switches between light and dark: every click changes what the user sees. Choosing the theme the
 * system asks for goes back to following the system. `labelled` spells the state out (in a menu, an
 * icon alone says little).
 */
export function ThemeToggle({ labelled = false }: { readonly labelled?: boolean }) {
  const { choice, theme } = useTheme();
  const next: Theme = theme === 'light' ? 'dark' : 'light';
  const label = choice === 'system' ? `Theme: ${theme} (system)` : `Theme: ${theme}`;
  const action = next === systemTheme() ? `${next}, as the system` : next;
  return (
    <button
      type="button"
      className={labelled ? 'button' : 'icon-button'}
      aria-label={label}
      title={`${label}. Click to switch to ${action}`}
      onClick={() => setThemeChoice(next === systemTheme() ? 'system' : next)}
    >
      <span aria-hidden="true">
        {ICON[theme]}
        {labelled && ` ${label}`}
      </span>
    </button>
  );
}
