import { describe, expect, it } from 'vitest';
import { describeJsonError, formatJson } from './JsonField';

const errorOf = (text: string) => {
  try {
    JSON.parse(text);
  } catch (e) {
    return describeJsonError(text, e);
  }
  throw new Error('parsed');
};

describe('describeJsonError', () => {
  it('says where the error is once, as line and column', () => {
    const message = errorOf('{\n  "a": 1\n},');
    expect(message).toMatch(/\(line 3, column 2\)$/);
    expect(message).not.toMatch(/position|line 3 column/);
  });
  it('words a missing property name the same way', () => {
    expect(errorOf('{\n  x: 1 }')).toMatch(/\(line 2, column 3\)$/);
  });
});

describe('formatJson', () => {
  it('keeps short lists of plain values on one line and indents the rest', () => {
    const value = { input: [1, 2, 3, 4, 5], rows: [{ a: 1 }], empty: [], name: 'x' };
    expect(formatJson(value)).toBe(
      '{\n  "input": [1, 2, 3, 4, 5],\n  "rows": [\n    {\n      "a": 1\n    }\n  ],\n  "empty": [],\n  "name": "x"\n}',
    );
    expect(JSON.parse(formatJson(value))).toEqual(value);
  });
  it('breaks a long list', () => {
    const long = Array.from({ length: 40 }, (_, i) => i * 1000);
    expect(formatJson({ long }).split('\n')).toHaveLength(44);
  });
});
