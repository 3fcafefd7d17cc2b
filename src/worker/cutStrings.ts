/**
 * The strings the user-code worker cut before they crossed (a long result, console line or error
 * message), held whole so the page can ask for the rest a chunk at a time. Only the latest request's
 * are held: a new run lets the previous one's go, as a new version's worker does (it starts empty).
 * Holding is bounded, in strings and in characters: past either bound a string is cut and let go,
 * and its text crosses without a way to fetch the rest.
 */
import { clipText, type Clipped, type Cutter } from './clip';
import { letGo, TEXT_CHUNK_CHARS, type TextChunkEvent, type TextChunkRequest } from './protocol';

/** Cut strings held for one request. */
export const MAX_HELD_STRINGS = 256;
/**
 * Characters held for one request. A result's string is the run's own value (holding it copies
 * nothing); a console line is made for the console, so a flood of long lines is what this bounds.
 */
export const MAX_HELD_CHARS = 256_000_000;

/** The cut strings of the latest request; see the file comment. */
export class CutStrings {
  private request = 0;
  private held: string[] = [];
  private chars = 0;

  /** Request `id` (a compile or a run) begins: the strings of the one before are let go. */
  begin(id: number): void {
    if (id === this.request) return;
    this.request = id;
    this.held = [];
    this.chars = 0;
  }

  /** Cuts `text` to `max` characters, holding the whole string while the bounds allow. */
  readonly cut: Cutter = (text, max): Clipped => {
    const clipped = clipText(text, max);
    if (clipped === text) return { text };
    if (this.held.length >= MAX_HELD_STRINGS || this.chars + text.length > MAX_HELD_CHARS)
      return { text: clipped };
    this.chars += text.length;
    const index = this.held.push(text) - 1;
    return { text: clipped, cut: { request: this.request, index, shown: max, total: text.length } };
  };

  /** The answer to a chunk request: the next {@link TEXT_CHUNK_CHARS}, or null when it was let go. */
  answer(ask: TextChunkRequest): TextChunkEvent {
    const { request, index } = ask.held;
    const whole = request === this.request ? this.held[index] : undefined;
    if (whole === undefined) return letGo(ask);
    const offset = Math.min(Math.max(0, ask.from), whole.length);
    return {
      type: 'text-chunk',
      id: ask.id,
      chunk: { offset, text: whole.slice(offset, offset + TEXT_CHUNK_CHARS), total: whole.length },
    };
  }
}
