import { describe, expect, it } from 'vitest';
import type { SavedWork } from '../../share/autosave';
import { encodeLink } from '../../share/link';
import type { Workspace } from '../../share/workspace';
import { defaultExample, exampleById } from '../../examples';
import { openingFor } from './opening';

const mine: Workspace = {
  ...defaultExample.workspace,
  files: [{ name: 'mine.ts', code: 'export const x = 1;' }],
  activeFile: 'mine.ts',
};
const saved: SavedWork = {
  tab: 't',
  current: { key: 'example:hello', title: 'Hello world', workspace: mine },
  edits: { 'example:hello': mine },
  beforeTutorial: null,
};
const url = (rest: string) => new URL(`https://play.example/${rest}`);

describe('what the playground opens', () => {
  it('opens a link on top of the saved work, as a link', () => {
    const shared = exampleById('ecommerce')!.workspace;
    const opening = openingFor(url(encodeLink(shared)), saved, false);
    expect(opening.resume.current.workspace).toBe(mine);
    expect(opening.open).toEqual({
      target: { key: 'own', title: 'Shared link', workspace: shared },
      fresh: true,
    });
    expect(opening.origin).toEqual({ kind: 'link' });
  });

  it('a link to the saved work, or any reload, is the user’s own work, never "a link"', () => {
    expect(openingFor(url(encodeLink(mine)), saved, false)).toMatchObject({
      open: null,
      origin: { kind: 'autosave' },
    });
    const other = exampleById('lineage')!.workspace;
    expect(openingFor(url(encodeLink(other)), saved, true).origin).toEqual({ kind: 'autosave' });
  });

  it('keeps the saved work open, with a message, for a broken link', () => {
    const opening = openingFor(url('#h1.broken'), saved, false);
    expect(opening.resume.current.workspace).toBe(mine);
    expect(opening.open).toBeNull();
    expect(opening.origin).toMatchObject({
      kind: 'bad-link',
      message: expect.stringMatching(/could not be opened/),
    });
  });

  it('opens ?example= (with the user’s edits of it), else the saved work, else the default example', () => {
    expect(openingFor(url('?example=lineage'), saved, false).open?.target.key).toBe('example:lineage');
    expect(openingFor(url(''), saved, false)).toMatchObject({ open: null, origin: { kind: 'autosave' } });
    expect(openingFor(url('#results'), null, false).resume.current.workspace).toBe(defaultExample.workspace);
  });
});
