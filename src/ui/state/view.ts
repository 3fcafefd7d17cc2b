/**
 * UI-only state shared across panes: the selected node, the bottom tab, the phone layout's region,
 * and requests to reveal a place in the editor. Not part of the workspace (not shared, not saved).
 */
import type { SourceLocation } from 'hamilton';
import { createStore } from './store';

export type BottomTab = 'results' | 'console' | 'catalog' | 'inputs';
export type Region = 'code' | 'graph' | 'results';

export interface ViewState {
  readonly selected: string | null;
  readonly tab: BottomTab;
  readonly region: Region;
  /**
   * The latest request to show a place in the editor; `seq` makes repeated requests distinct, and
   * `focus: false` leaves the keyboard where it is (a node clicked in the graph).
   */
  readonly reveal: (SourceLocation & { readonly seq: number; readonly focus?: boolean }) | null;
  /** When the user last pressed Ctrl/⌘+S (the status line answers that saving is automatic). */
  readonly savedAt: number | null;
}

export const viewStore = createStore<ViewState>({
  selected: null,
  tab: 'results',
  region: 'code',
  reveal: null,
  savedAt: null,
});

export function updateView(change: Partial<ViewState>): void {
  viewStore.set({ ...viewStore.get(), ...change });
}

/** Shows `location` in the editor (switching to the code region on phones). */
export function revealInEditor(location: SourceLocation): void {
  updateView({ reveal: { ...location, seq: (viewStore.get().reveal?.seq ?? 0) + 1 }, region: 'code' });
}

/** Scrolls the editor to `location` without moving the keyboard focus or the phone's region. */
export function peekInEditor(location: SourceLocation): void {
  updateView({ reveal: { ...location, seq: (viewStore.get().reveal?.seq ?? 0) + 1, focus: false } });
}

/**
 * Ctrl/⌘+S: the browser would offer to save the page. The work is autosaved already, so the key says
 * so in the status line instead.
 */
export function announceSaved(): void {
  updateView({ savedAt: Date.now() });
}
