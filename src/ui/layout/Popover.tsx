import { useEffect, useId, useRef, useState, type ReactNode } from 'react';

interface PopoverProps {
  /** The button's content and accessible name. */
  readonly label: ReactNode;
  readonly buttonLabel?: string;
  readonly align?: 'left' | 'right';
  readonly className?: string;
  /** The content; `close` lets a menu item close it. */
  readonly children: (close: () => void) => ReactNode;
}

/** A button that opens a small panel; Escape or a click outside closes it and focus returns. */
export function Popover({ label, buttonLabel, align = 'left', className, children }: PopoverProps) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);
  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  return (
    <div
      className="popover-anchor"
      ref={root}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) {
          event.stopPropagation();
          close();
        }
      }}
    >
      <button
        ref={button}
        type="button"
        className={className ?? 'button'}
        aria-expanded={open}
        aria-controls={id}
        aria-label={buttonLabel}
        onClick={() => setOpen(!open)}
      >
        {label}
      </button>
      {open && (
        <div id={id} className={`popover ${align}`}>
          {children(close)}
        </div>
      )}
    </div>
  );
}
