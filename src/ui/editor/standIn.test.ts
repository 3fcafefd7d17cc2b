import { describe, expect, it } from 'vitest';
import { standInText } from './standIn';

const lines = (count: number, last = '\n') =>
  Array.from({ length: count }, (_, i) => `line ${i}`).join('\n') + last;

describe('the editor stand-in', () => {
  it('shows code of up to the limit whole, with or without a final newline', () => {
    expect(standInText(lines(3), 3)).toBe(lines(3));
    expect(standInText(lines(3, ''), 3)).toBe(lines(3, ''));
    expect(standInText('', 3)).toBe('');
  });

  it('cuts longer code after the limit and counts the lines left out', () => {
    expect(standInText(lines(5), 3)).toBe(
      'line 0\nline 1\nline 2\n… 2 more lines (shown once the editor has loaded)\n',
    );
    expect(standInText(lines(4, ''), 3)).toBe(
      'line 0\nline 1\nline 2\n… 1 more line (shown once the editor has loaded)\n',
    );
    expect(standInText(lines(20_003), 3)).toContain('… 20,000 more lines');
  });
});
