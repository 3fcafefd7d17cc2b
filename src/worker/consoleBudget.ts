/**
 * Console output of one request (a run, a module load) is bounded: the first {@link CONSOLE_HEAD} lines
 * go out as they come; of the rest, the last {@link CONSOLE_TAIL} are kept and sent at the request's
 * end, after one line that counts what was left out. A million `console.log` calls cost the page a
 * few thousand lines. Both workers bound it: the user-code worker so that it does not post a million
 * messages, the runtime worker because it trusts nothing the other sends. The user-code worker's keeps
 * what it leaves out (`withheldLines.ts`) for download, and its count line says where to ask.
 */
import type { ConsoleEvent } from './protocol';
import type { WithheldLines } from './withheldLines';

/** Console lines of one request sent as they come. */
export const CONSOLE_HEAD = 1000;
/** Console lines kept from the end of a request that printed more. */
export const CONSOLE_TAIL = 200;

/** One request's console output, bounded. */
export class ConsoleBudget {
  private sent = 0;
  /** Lines past the head; the last {@link CONSOLE_TAIL} of them are in `tail`, a ring. */
  private over = 0;
  private readonly tail: ConsoleEvent[] = [];

  /** `head` and `tail` default to {@link CONSOLE_HEAD} and {@link CONSOLE_TAIL}; `withheld` keeps what is left out. */
  constructor(
    private readonly post: (event: ConsoleEvent) => void,
    private readonly head = CONSOLE_HEAD,
    private readonly tailSize = CONSOLE_TAIL,
    private readonly withheld?: WithheldLines,
  ) {}

  add(event: ConsoleEvent): void {
    if (this.sent < this.head) {
      this.sent++;
      this.post(event);
      return;
    }
    const slot = this.over++ % this.tailSize;
    // The line this one pushes out of the tail is left out for good.
    if (this.over > this.tailSize) this.withheld?.keep(this.tail[slot]);
    this.tail[slot] = event;
  }

  /** Sends what was kept of the end, and starts a new request's budget. */
  flush(): void {
    const kept = Math.min(this.over, this.tailSize);
    const dropped = this.over - kept;
    const first = this.over - kept;
    const last = kept > 0 ? this.tail[(this.over - 1) % this.tailSize] : null;
    const withheld = this.withheld?.close();
    if (dropped > 0 && last) {
      const { cut: _, ...line } = last;
      this.post({
        ...line,
        level: 'warn',
        text: `… ${dropped.toLocaleString('en')} more console lines not shown (the first ${this.head.toLocaleString('en')} and the last ${this.tailSize} are) …`,
        ...(withheld && { withheld }),
      });
    }
    for (let i = first; i < this.over; i++) this.post(this.tail[i % this.tailSize]);
    this.tail.length = 0;
    this.sent = 0;
    this.over = 0;
  }
}
