import { useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';

interface SplitterProps {
  /** `vertical`: a bar between left and right panes; `horizontal`: between top and bottom. */
  readonly orientation: 'vertical' | 'horizontal';
  /** The first pane's share of the container, 0..1. */
  readonly value: number;
  readonly onChange: (value: number) => void;
  readonly label: string;
  readonly min?: number;
  readonly max?: number;
}

/** A draggable (pointer) and keyboard-operable (arrows, Home, End) bar between two panes. */
export function Splitter({ orientation, value, onChange, label, min = 0.15, max = 0.85 }: SplitterProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [dragging, setDragging] = useState(false);
  const clamp = (v: number) => Math.min(max, Math.max(min, v));

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    event.currentTarget.setPointerCapture(event.pointerId);
    setDragging(true);
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    if (!dragging) return;
    const box = ref.current?.parentElement?.getBoundingClientRect();
    if (!box) return;
    onChange(
      clamp(
        orientation === 'vertical'
          ? (event.clientX - box.left) / box.width
          : (event.clientY - box.top) / box.height,
      ),
    );
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const step = event.shiftKey ? 0.1 : 0.02;
    const keys: Record<string, number> =
      orientation === 'vertical'
        ? { ArrowLeft: value - step, ArrowRight: value + step, Home: min, End: max }
        : { ArrowUp: value - step, ArrowDown: value + step, Home: min, End: max };
    if (event.key in keys) {
      event.preventDefault();
      onChange(clamp(keys[event.key]));
    }
  };
  return (
    <div
      ref={ref}
      role="separator"
      tabIndex={0}
      aria-label={label}
      aria-orientation={orientation}
      aria-valuemin={Math.round(min * 100)}
      aria-valuemax={Math.round(max * 100)}
      aria-valuenow={Math.round(value * 100)}
      className={`splitter${dragging ? ' dragging' : ''}`}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={() => setDragging(false)}
      onPointerCancel={() => setDragging(false)}
      onKeyDown={onKeyDown}
    />
  );
}
