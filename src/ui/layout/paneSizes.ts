/**
 * The shares of the resizable panes, remembered across reloads in localStorage (a user who widened
 * the editor finds it wide again). Read defensively: anything but a number in the splitter's range is
 * ignored.
 */
import { useState } from 'react';
import { preferences, type KeyValueStorage } from '../../share/storage';

const KEY = 'hamilton-playground:panes';

type Shares = Readonly<Record<string, number>>;

function read(storage: KeyValueStorage): Shares {
  try {
    const value: unknown = JSON.parse(storage.getItem(KEY) ?? 'null');
    if (typeof value !== 'object' || value === null) return {};
    return Object.fromEntries(
      Object.entries(value).filter(
        (entry): entry is [string, number] =>
          typeof entry[1] === 'number' && entry[1] >= 0.05 && entry[1] <= 0.95,
      ),
    );
  } catch {
    return {};
  }
}

/** Reads the stored share of pane `name`, or `initial`. */
export function storedShare(name: string, initial: number, storage = preferences): number {
  return read(storage)[name] ?? initial;
}

/** Stores the share of pane `name` beside the others. */
export function storeShare(name: string, share: number, storage = preferences): void {
  try {
    storage.setItem(KEY, JSON.stringify({ ...read(storage), [name]: share }));
  } catch {
    // Storage unavailable or full: the size lasts for this page.
  }
}

/** A pane share as React state that is stored whenever it changes. */
export function useStoredShare(name: string, initial: number): [number, (share: number) => void] {
  const [share, setShare] = useState(() => storedShare(name, initial));
  return [
    share,
    (next) => {
      setShare(next);
      storeShare(name, next);
    },
  ];
}
