/**
 * Live mode's switch: whether the playground re-runs by itself after each compile, input or config
 * change (only stale nodes execute; the rest comes from the worker's cache). Nothing runs before the
 * user's first Run in this page (a link or an embed never runs code unasked): Live is off until then,
 * and that first Run turns it on unless the user has already chosen. Pure; the playground is its shell.
 */

export interface LiveState {
  /** Whether changes re-run by themselves. */
  readonly on: boolean;
  /** The user pressed the toggle (their choice then stands over the first Run's default). */
  readonly chosen: boolean;
}

export const initialLive: LiveState = { on: false, chosen: false };

export type LiveAction =
  /** The header's Live toggle. */
  | { readonly type: 'toggled' }
  /** The user pressed Run (or Ctrl/Cmd+Enter). */
  | { readonly type: 'user-ran' }
  /** A compile answered with a new graph, or the inputs, tables or outputs changed. */
  | { readonly type: 'changed' };

/** The next state, and whether to start a live run now. */
export function reduceLive(state: LiveState, action: LiveAction): { state: LiveState; run: boolean } {
  switch (action.type) {
    case 'toggled': {
      const on = !state.on;
      // Turning Live on brings the results up to date at once.
      return { state: { on, chosen: true }, run: on };
    }
    case 'user-ran':
      return { state: state.chosen ? state : { ...state, on: true }, run: false };
    case 'changed':
      return { state, run: state.on };
  }
}
