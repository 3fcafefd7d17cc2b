import { setThemeChoice, useTheme, type ThemeChoice } from './theme';

const NEXT: Record<ThemeChoice, ThemeChoice> = { system: 'light', light: 'dark', dark: 'system' };
const ICON: Record<ThemeChoice, string> = { system: '◐', light: '☀', dark: '☾' };

/** Cycles the theme: follow the system → light → dark. */
export function ThemeToggle() {
  const { choice, theme } = useTheme();
  const label = choice === 'system' ? `Theme: system (${theme})` : `Theme: ${choice}`;
  return (
    <button
      type="button"
      className="icon-button"
      aria-label={label}
      title={`${label}; click for ${NEXT[choice]}`}
      onClick={() => setThemeChoice(NEXT[choice])}
    >
      <span aria-hidden="true">{ICON[choice]}</span>
    </button>
  );
}
