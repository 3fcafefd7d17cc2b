/**
 * The catalog's tag filter, as Hamilton's `list_available_variables(tag_filter)` reads one: every
 * clause must match; `key` alone means "has the tag"; `key=a|b` means any of these values; a list-valued
 * tag matches when it contains the value.
 */
import type { TagValue } from 'hamilton';

export interface TagClause {
  readonly key: string;
  /** Accepted values; null: the tag only has to exist. */
  readonly values: readonly string[] | null;
}

/** Parses `pii=true owner=data-engineering`: clauses separated by spaces or `;`. */
export function parseTagFilter(text: string): TagClause[] {
  return text
    .split(/[\s;]+/)
    .filter(Boolean)
    .map((clause) => {
      const eq = clause.indexOf('=');
      if (eq < 0) return { key: clause, values: null };
      return {
        key: clause.slice(0, eq),
        values: clause
          .slice(eq + 1)
          .split('|')
          .filter(Boolean),
      };
    });
}

export function matchesTags(
  tags: Readonly<Record<string, TagValue>>,
  clauses: readonly TagClause[],
): boolean {
  return clauses.every(({ key, values }) => {
    const tag = tags[key];
    if (tag === undefined) return false;
    if (!values || !values.length) return true;
    const have = typeof tag === 'string' ? [tag] : tag;
    return values.some((v) => have.includes(v));
  });
}

/**
 * The filter clause that finds a tag's value(s): `key=value`, and for a list-valued tag `key=a|b`
 * (any of its values), which {@link parseTagFilter} reads back.
 */
export function tagFilterText(key: string, value: TagValue): string {
  return `${key}=${typeof value === 'string' ? value : value.join('|')}`;
}
