/**
 * Chat apps cut links near 2,000 characters, so the examples people share most must stay under it.
 * (`npm run bench -- links` prints every example's length.)
 */
import { describe, expect, it } from 'vitest';
import { exampleById } from '../examples';
import { encodeLink } from './link';

const length = (id: string) => encodeLink(exampleById(id)!.workspace).length;

describe('share link length', () => {
  it('keeps hello world within 400 characters', () => {
    expect(length('hello')).toBeLessThanOrEqual(400);
  });

  it('keeps the e-commerce example within 2,000 characters', () => {
    expect(length('ecommerce')).toBeLessThanOrEqual(2000);
  });
});
