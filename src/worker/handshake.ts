/**
 * Whether the document in a runner frame is the one the host wrote: a pure reducer over what the host
 * sees of the frame (its `load` events and the messages its window posts), so the rules are tested in
 * Node. The shell is `RunnerFrame` in runner.ts.
 *
 * - The frame's own document loads once; a second `load` means something navigated the frame.
 * - The first message from the frame's window must be `hello` with the frame's key and one port.
 * - Anything else from that window (a wrong key, a second hello, any other message) comes from a
 *   document that is not ours: the runner is discarded. What it said is never shown.
 * - A frame that has not said hello by the deadline was stopped on its way (a navigation started
 *   while ours loaded cancels ours): it is discarded too.
 */

/** Where the handshake is. */
export type HandshakeState =
  | { readonly phase: 'waiting'; readonly loads: number }
  | { readonly phase: 'connected'; readonly loads: number }
  | { readonly phase: 'discarded' };

/** What the host saw of the frame. */
export type HandshakeInput =
  | { readonly type: 'load' }
  | { readonly type: 'deadline' }
  | { readonly type: 'message'; readonly data: unknown; readonly ports: number };

/** What the shell does: take the port of the hello, or throw the frame away. */
export type HandshakeCommand = 'connect' | 'discard' | null;

export const initialHandshake: HandshakeState = { phase: 'waiting', loads: 0 };

function isHello(data: unknown, key: string): boolean {
  if (typeof data !== 'object' || data === null) return false;
  const hello = data as { kind?: unknown; key?: unknown };
  return hello.kind === 'hello' && hello.key === key;
}

/** The next state, and the one thing to do. */
export function handshake(
  state: HandshakeState,
  input: HandshakeInput,
  key: string,
): { state: HandshakeState; command: HandshakeCommand } {
  if (state.phase === 'discarded') return { state, command: null };
  const discard = { state: { phase: 'discarded' } as const, command: 'discard' as const };
  if (input.type === 'load')
    return state.loads === 0 ? { state: { ...state, loads: 1 }, command: null } : discard;
  if (input.type === 'deadline') return state.phase === 'waiting' ? discard : { state, command: null };
  if (state.phase === 'waiting' && input.ports === 1 && isHello(input.data, key))
    return { state: { phase: 'connected', loads: state.loads }, command: 'connect' };
  return discard;
}

/** A fresh, unguessable key for one frame (128 random bits, hex). */
export function frameKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
