/**
 * The console lines a request's budget left out (`consoleBudget.ts`), kept by the user-code worker so the
 * page can download them a bounded chunk at a time. Only the latest request's are kept (a new run or
 * module load lets them go, as a new version's worker does), and only the first ones that fit
 * {@link MAX_WITHHELD_BYTES}: the count line says how many of how many.
 *
 * A flood prints a million lines in a few seconds of the run's time limit, so keeping must cost little
 * there: lines are kept in blocks of {@link BLOCK_LINES}, each block's texts joined into one string, so
 * the million small strings die young instead of living on for the collector to copy.
 */
import {
  CONSOLE_LINES_CHARS,
  CONSOLE_LINES_COUNT,
  letGo,
  type ConsoleEvent,
  type ConsoleLine,
  type ConsoleLinesEvent,
  type ConsoleLinesRequest,
  type ConsoleWithheld,
} from './protocol';

/** What the kept lines may cost, estimated (two bytes a character, and a few for each line). */
export const MAX_WITHHELD_BYTES = 128 * 1024 * 1024;
const LINE_BYTES = 16;
const BLOCK_LINES = 1024;
const LEVELS: readonly ConsoleLine['level'][] = ['log', 'info', 'warn', 'error'];

/** Kept lines: their texts joined, each one's length, node and level. */
interface Block {
  readonly text: string;
  readonly lengths: Uint32Array;
  readonly nodes: readonly (string | null)[];
  readonly levels: Uint8Array;
}

/** The lines being kept, not yet a block. */
class OpenBlock {
  texts: string[] = [];
  nodes: (string | null)[] = [];
  levels: number[] = [];

  seal(): Block {
    const block = {
      text: this.texts.join(''),
      lengths: Uint32Array.from(this.texts, (t) => t.length),
      nodes: this.nodes,
      levels: Uint8Array.from(this.levels),
    };
    this.texts = [];
    this.nodes = [];
    this.levels = [];
    return block;
  }
}

/** See the file comment. */
export class WithheldLines {
  private request = 0;
  /** The kept lines of each count line of the request, by its `index`. */
  private parts: Block[][] = [];
  private blocks: Block[] = [];
  private open = new OpenBlock();
  private count = 0;
  private kept = 0;
  private bytes = 0;

  /** Request `id` (a compile or a run) begins: what the one before withheld is let go. */
  begin(id: number): void {
    if (id === this.request) return;
    this.request = id;
    this.parts = [];
    this.blocks = [];
    this.open = new OpenBlock();
    this.count = 0;
    this.kept = 0;
    this.bytes = 0;
  }

  /** A line the budget leaves out: kept while the bound allows. */
  keep(event: ConsoleEvent): void {
    this.count++;
    const bytes = 2 * event.text.length + LINE_BYTES;
    if (this.bytes + bytes > MAX_WITHHELD_BYTES) return;
    this.bytes += bytes;
    this.kept++;
    const open = this.open;
    open.texts.push(event.text);
    open.nodes.push(event.node);
    open.levels.push(LEVELS.indexOf(event.level));
    if (open.texts.length === BLOCK_LINES) this.blocks.push(open.seal());
  }

  /** The lines left out since the last count line, closed under a new one (null when there were none). */
  close(): ConsoleWithheld | null {
    if (this.count === 0) return null;
    if (this.open.texts.length > 0) this.blocks.push(this.open.seal());
    const withheld = { request: this.request, index: this.parts.length, count: this.count, kept: this.kept };
    this.parts.push(this.blocks);
    this.blocks = [];
    this.count = 0;
    this.kept = 0;
    return withheld;
  }

  /** The answer to a request for kept lines: those from `from`, as many as one answer carries. */
  answer(ask: ConsoleLinesRequest): ConsoleLinesEvent {
    const { request, index } = ask.held;
    const blocks = request === this.request ? this.parts[index] : undefined;
    if (!blocks) return letGo(ask);
    const total = blocks.reduce((n, b) => n + b.lengths.length, 0);
    const from = Math.min(Math.max(0, ask.from), total);
    const lines: ConsoleLine[] = [];
    let chars = 0;
    let at = from;
    /** Where line `at` starts in its block's text. */
    let start = 0;
    // Every block but the last holds BLOCK_LINES lines. A line is at most a console line's budget, far
    // under an answer's: the first always fits.
    while (at < total && lines.length < CONSOLE_LINES_COUNT) {
      const block = blocks[Math.floor(at / BLOCK_LINES)];
      const i = at % BLOCK_LINES;
      if (at === from) start = block.lengths.subarray(0, i).reduce((n, l) => n + l, 0);
      else if (i === 0) start = 0;
      const length = block.lengths[i];
      if (chars + length > CONSOLE_LINES_CHARS) break;
      const text = block.text.slice(start, start + length);
      lines.push({ level: LEVELS[block.levels[i]], node: block.nodes[i], text });
      chars += length;
      start += length;
      at++;
    }
    return { type: 'console-lines', id: ask.id, chunk: { from, lines, next: at < total ? at : null } };
  }
}
