import { useEffect, useId, useRef, useState } from 'react';
import type { Json } from '../../worker/protocol';

type JsonObject = Readonly<Record<string, Json>>;

interface JsonFieldProps {
  readonly label: string;
  readonly value: JsonObject;
  readonly onChange: (value: JsonObject) => void;
  readonly hint?: string;
}

/** Where a JSON.parse error is, as "line L, column C", from the offset V8 puts in its message. */
export function describeJsonError(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const at = /position (\d+)/.exec(message);
  if (!at) return message;
  const before = text.slice(0, Number(at[1]));
  const line = before.split('\n').length;
  // V8 words it "… in JSON at position 4" or, lately, "… after JSON at position 50 (line 3 column 2)".
  return `${message.replace(/ (?:in JSON )?at position \d+.*$/, '')} (line ${line}, column ${before.length - before.lastIndexOf('\n')})`;
}

/**
 * JSON indented by two spaces, except that an array of plain values that fits on a line stays on one
 * (`"input": [1, 2, 3, 4, 5]`, not seven lines).
 */
export function formatJson(value: Json, indent = ''): string {
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (!value.length) return '[]';
    const flat = value.every((v) => v === null || typeof v !== 'object');
    const line = `[${value.map((v) => JSON.stringify(v)).join(', ')}]`;
    if (flat && indent.length + line.length <= 72) return line;
    return `[\n${value.map((v) => inner + formatJson(v, inner)).join(',\n')}\n${indent}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    if (!entries.length) return '{}';
    return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${formatJson(v, inner)}`).join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value);
}

/** A JSON object editor: applied when it parses, the text (and the error, at its place) kept when not. */
export function JsonField({ label, value, onChange, hint }: JsonFieldProps) {
  const id = useId();
  const [text, setText] = useState(() => formatJson(value));
  const [error, setError] = useState<string | null>(null);
  const applied = useRef(value);
  // A workspace loaded from elsewhere (an example, a toggle) replaces the text.
  useEffect(() => {
    if (value !== applied.current) {
      applied.current = value;
      setText(formatJson(value));
      setError(null);
    }
  }, [value]);
  const edit = (next: string) => {
    setText(next);
    try {
      const parsed: unknown = JSON.parse(next);
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
        throw new Error('Expected an object: { "name": value, … }');
      setError(null);
      applied.current = parsed as JsonObject;
      onChange(parsed as JsonObject);
    } catch (e) {
      setError(describeJsonError(next, e));
    }
  };
  return (
    <div className="json-field">
      {/* The section's heading names what it is; the label only says how it is written. */}
      <label htmlFor={id}>JSON</label>
      {hint && <p className="muted small">{hint}</p>}
      <textarea
        id={id}
        aria-label={label}
        className="json mono"
        spellCheck={false}
        value={text}
        aria-invalid={!!error}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => edit(e.target.value)}
      />
      {error && (
        <p id={`${id}-error`} className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
