import { describe, expect, it } from 'vitest';
import { encodeLink } from '../../share/link';
import type { Workspace } from '../../share/workspace';
import { defaultExample, exampleById } from '../../examples';
import { openingFor } from './opening';

const mine: Workspace = {
  ...defaultExample.workspace,
  files: [{ name: 'mine.ts', code: 'export const x = 1;' }],
  activeFile: 'mine.ts',
};
const saving = (saved: Workspace | null) => ({ saved: () => saved });
const url = (rest: string) => new URL(`https://play.example/${rest}`);

describe('what the playground opens', () => {
  it('opens a link, as a link', () => {
    const shared = exampleById('ecommerce')!.workspace;
    expect(openingFor(url(encodeLink(shared)), saving(mine))).toEqual({
      workspace: shared,
      origin: { kind: 'link' },
    });
  });

  it('treats a link to the saved work as the saved work (a reload of its own URL)', () => {
    expect(openingFor(url(encodeLink(mine)), saving(mine)).origin).toEqual({ kind: 'autosave' });
  });

  it('opens the default example with a message for a broken link, whatever is saved', () => {
    const opening = openingFor(url('#h1.broken'), saving(mine));
    expect(opening.workspace).toBe(defaultExample.workspace);
    expect(opening.origin).toMatchObject({
      kind: 'bad-link',
      message: expect.stringMatching(/could not be opened/),
    });
  });

  it('opens ?example=, then the autosave, then the default example', () => {
    expect(openingFor(url('?example=lineage'), saving(mine)).workspace).toBe(
      exampleById('lineage')!.workspace,
    );
    expect(openingFor(url(''), saving(mine))).toEqual({ workspace: mine, origin: { kind: 'autosave' } });
    expect(openingFor(url('#results'), saving(null)).workspace).toBe(defaultExample.workspace);
  });
});
