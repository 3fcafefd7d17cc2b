import { setThemeChoice, useTheme, type ThemeChoice } from './theme';

const NEXT: Record<ThemeChoice, ThemeChoice> = { system: 'light', light: 'dark', dark: 'system' };
const ICON: Record<ThemeChoice, string> = { system: '◐', light: '☀', dark: '☾' };

/** Cycles the theme: follow the system → light → dark. `labelled` spells the choice out (in a menu, an icon alone says little). */
export function ThemeToggle({ labelled = false }: { readonly labelled?: boolean }) {
  const { choice, theme } = useTheme();
  const label = choice === 'system' ? `Theme: system (${theme})` : `Theme: ${choice}`;
  return (
    <button
      type="button"
      className={labelled ? 'button' : 'icon-button'}
      aria-label={label}
      title={`${label}; click for ${NEXT[choice]}`}
      onClick={() => setThemeChoice(NEXT[choice])}
    >
      <span aria-hidden="true">
        {ICON[choice]}
        {labelled && ` ${label}`}
      </span>
    </button>
  );
}
