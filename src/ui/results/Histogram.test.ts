import { describe, expect, it } from 'vitest';
import { formatStat } from './Histogram';

describe('formatStat', () => {
  it('prints four significant digits, but every digit of the integer part', () => {
    expect(formatStat(60.1434)).toBe('60.14');
    expect(formatStat(0.000123456)).toBe('0.0001235');
    expect(formatStat(42875)).toBe('42875');
    expect(formatStat(15440.2)).toBe('15440');
    expect(formatStat(-1234567.89)).toBe('-1234568');
    expect(formatStat(0)).toBe('0');
  });
  it('prints floating-point noise beside a large magnitude as 0, and keeps real small values', () => {
    expect(formatStat(2.004e-16, 1.6)).toBe('0');
    expect(formatStat(2e-7, 1e-6)).toBe('2e-7');
    expect(formatStat(-3e-17)).toBe('-3e-17');
  });
});
