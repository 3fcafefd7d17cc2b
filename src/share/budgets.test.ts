/**
 * The link budgets: chat apps cut links near 2,000 characters. Prints every example's link
 * length, and holds the two budgeted ones to their limits.
 */
import { describe, expect, it } from 'vitest';
import { examples, exampleById } from '../examples';
import { encodeLink } from './link';

const length = (id: string) => encodeLink(exampleById(id)!.workspace).length;

describe('share link budgets', () => {
  it('prints each example’s link length', () => {
    for (const example of examples) {
      console.log(`link length ${example.id}: ${encodeLink(example.workspace).length} chars`);
    }
  });

  it('keeps hello world within 400 characters', () => {
    expect(length('hello')).toBeLessThanOrEqual(400);
  });

  it('keeps the e-commerce example within 2,000 characters', () => {
    expect(length('ecommerce')).toBeLessThanOrEqual(2000);
  });
});
