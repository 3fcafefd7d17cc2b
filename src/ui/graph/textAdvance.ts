/**
 * How wide a node's text runs, per character: measured once in the fonts `graph.css` draws nodes with,
 * on a canvas where there is one (the page, the layout worker), else typical values (Node). System
 * fonts differ a lot (DejaVu Sans, Linux's usual one, is a fifth wider than macOS's), and one fixed
 * guess let a long name run into its duration or its state mark.
 */

/** The node texts' fonts, as `graph.css` sets them (`.node .name`, `.type`, `.duration`). */
const FONTS = {
  name: '600 13px system-ui, sans-serif',
  type: '12px ui-monospace, Menlo, Consolas, monospace',
  duration: '600 12px system-ui, sans-serif',
} as const;

export type NodeText = keyof typeof FONTS;

/** Average advances in px where nothing can measure (close to macOS's system fonts). */
const TYPICAL: Record<NodeText, number> = { name: 7.6, type: 7.3, duration: 7.3 };

/** What node names and types are mostly made of. */
const SAMPLE = 'abcdefghijklmnopqrstuvwxyz_0123456789';

let advances: Record<NodeText, number> | null = null;

function measure(): Record<NodeText, number> {
  const context =
    typeof OffscreenCanvas !== 'undefined'
      ? new OffscreenCanvas(1, 1).getContext('2d')
      : typeof document !== 'undefined'
        ? document.createElement('canvas').getContext('2d')
        : null;
  if (!context) return TYPICAL;
  const advance = (text: NodeText) => {
    context.font = FONTS[text];
    const width = context.measureText(SAMPLE).width / SAMPLE.length;
    // A font the canvas could not use measures 0: keep the typical value.
    return width > 0 ? width : TYPICAL[text];
  };
  return { name: advance('name'), type: advance('type'), duration: advance('duration') };
}

/** The average advance of one character of this node text, in px. */
export function charWidth(text: NodeText): number {
  return (advances ??= measure())[text];
}
