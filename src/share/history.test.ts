import { describe, expect, it } from 'vitest';
import { random } from '../../scripts/random';
import {
  HISTORY_LIMITS,
  initialWork,
  isEdited,
  reduceWork,
  type Holding,
  type Originals,
  type WorkAction,
  type WorkKey,
  type WorkState,
} from './history';
import { WORKSPACE_VERSION, type Workspace } from './workspace';

const ws = (...codes: string[]): Workspace => ({
  version: WORKSPACE_VERSION,
  files: codes.map((code, i) => ({ name: `f${i}.ts`, code })),
  activeFile: 'f0.ts',
  inputs: {},
  config: {},
  outputs: [],
  tables: {},
});

const ORIGINALS: Record<string, Workspace> = {
  'example:hello': ws('hello'),
  'example:shop': ws('load', 'features'),
  'step:one': ws('step one'),
  'step:two': ws('step two', 'more'),
};
const SOLUTIONS: Record<string, Workspace> = { 'step:one': ws('one solved'), 'step:two': ws('two solved') };
const originals: Originals = (key) => ORIGINALS[key];
const holding = (key: WorkKey): Holding => ({ key, title: key.split(':')[1], workspace: ORIGINALS[key] });

let clock = 0;
const stamp = () => ({ time: ++clock, id: `s${clock}` });
const reduce = (state: WorkState, ...actions: WorkAction[]) =>
  actions.reduce((s, a) => reduceWork(s, a, originals), state);
const typed = (state: WorkState, text: string): WorkAction => ({
  type: 'edit',
  workspace: {
    ...state.current.workspace,
    files: state.current.workspace.files.map((f, i) => (i === 0 ? { ...f, code: `${f.code}\n${text}` } : f)),
  },
});
const open = (key: WorkKey): WorkAction => ({ type: 'open', target: holding(key), stamp: stamp() });

describe('reduceWork', () => {
  it('keeps an example’s edits: switching away snapshots them, coming back shows them', () => {
    let s = initialWork(holding('example:hello'));
    s = reduce(s, typed(s, 'mine'));
    s = reduce(s, open('example:shop'));
    expect(s.current.workspace).toBe(ORIGINALS['example:shop']);
    expect(s.history.map((e) => [e.title, e.source, e.files])).toEqual([['hello', 'your edits to hello', 1]]);
    s = reduce(s, open('example:hello'));
    expect(s.current.workspace.files[0].code).toContain('mine');
    expect(isEdited(s, originals)).toBe(true);
    // Untouched shop was not snapshotted; hello's edits are not snapshotted twice.
    expect(s.history).toHaveLength(1);
    s = reduce(s, { type: 'reset', stamp: stamp() });
    expect(s.current.workspace).toBe(ORIGINALS['example:hello']);
    expect(isEdited(s, originals)).toBe(false);
    expect(s.history).toHaveLength(1);
  });

  it('closing the tutorial returns to the work open before it', () => {
    let s = initialWork(holding('example:hello'));
    s = reduce(s, typed(s, 'before'));
    s = reduce(s, open('step:one'));
    s = reduce(s, typed(s, 'in the step'), open('step:two'));
    s = reduce(s, { type: 'close-tutorial', fallback: holding('example:hello'), stamp: stamp() });
    expect(s.current.key).toBe('example:hello');
    expect(s.current.workspace.files[0].code).toContain('before');
    expect(s.beforeTutorial).toBeNull();
    s = reduce(s, open('step:one'));
    expect(s.current.workspace.files[0].code).toContain('in the step');
  });

  it('restoring snapshots what it replaces, and puts an entry back where it came from', () => {
    let s = initialWork(holding('example:hello'));
    s = reduce(s, typed(s, 'first'));
    s = reduce(s, {
      type: 'open',
      target: { key: 'own', title: 'Shared link', workspace: ws('link') },
      fresh: true,
      stamp: stamp(),
    });
    s = reduce(s, typed(s, 'edited link'));
    const first = s.history[0].id;
    s = reduce(s, { type: 'restore', id: first, stamp: stamp() });
    expect(s.current.key).toBe('example:hello');
    expect(s.current.workspace.files[0].code).toContain('first');
    expect(s.history[0].source).toBe('your work on Shared link');
  });

  it('bounds History by count, newest first; entries from elsewhere merge by id', () => {
    let s = initialWork(holding('example:hello'));
    for (let i = 0; i < HISTORY_LIMITS.entries + 5; i++)
      s = reduce(s, typed(s, `t${i}`), { type: 'snapshot', stamp: stamp() });
    expect(s.history).toHaveLength(HISTORY_LIMITS.entries);
    expect(s.history[0].time).toBeGreaterThan(s.history[1].time);
    const other = { ...s.history[3], id: 'tab-x', time: clock + 100 };
    s = reduce(s, { type: 'entries', entries: [other] });
    s = reduce(s, { type: 'entries', entries: [{ ...other, source: 'again' }] });
    expect(s.history.filter((e) => e.id === 'tab-x').map((e) => e.source)).toEqual(['again']);
  });
});

/** Every action a user can take, at random; what the user typed must stay reachable. */
describe('property: nothing typed is unreachable', () => {
  const KEYS: WorkKey[] = ['example:hello', 'example:shop', 'step:one', 'step:two'];

  function reachable(state: WorkState): string {
    return JSON.stringify([state.current.workspace, state.history.map((e) => e.workspace), state.edits]);
  }

  for (let seed = 1; seed <= 200; seed++) {
    it(`seed ${seed}`, () => {
      const rand = random(seed);
      const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)];
      let s = initialWork(holding('example:hello'));
      const tokens: string[] = [];
      const log: string[] = [];
      for (let step = 0; step < 40; step++) {
        const kind = pick([
          'edit',
          'edit',
          'edit',
          'example',
          'tutorial',
          'step',
          'close',
          'solution',
          'link',
          'reload',
          'restore',
          'delete',
          'reset',
        ] as const);
        log.push(kind);
        switch (kind) {
          case 'edit': {
            const token = `typed-${seed}-${step}`;
            tokens.push(token);
            s = reduce(s, typed(s, token));
            break;
          }
          case 'example':
            s = reduce(s, open(pick(KEYS.slice(0, 2))));
            break;
          case 'tutorial':
          case 'step':
            s = reduce(s, open(pick(KEYS.slice(2))));
            break;
          case 'close':
            s = reduce(s, { type: 'close-tutorial', fallback: holding('example:hello'), stamp: stamp() });
            break;
          case 'solution':
            if (s.current.key.startsWith('step:'))
              s = reduce(s, {
                type: 'open',
                target: { ...s.current, workspace: SOLUTIONS[s.current.key] },
                fresh: true,
                stamp: stamp(),
              });
            break;
          case 'link':
            s = reduce(s, {
              type: 'open',
              target: { key: 'own', title: 'Shared link', workspace: ws(`link ${step}`) },
              fresh: true,
              stamp: stamp(),
            });
            break;
          case 'reload':
            // What the shell persists and reads back.
            s = JSON.parse(JSON.stringify(s)) as WorkState;
            break;
          case 'restore':
            if (s.history.length) s = reduce(s, { type: 'restore', id: pick(s.history).id, stamp: stamp() });
            break;
          case 'delete': {
            const files = s.current.workspace.files;
            if (files.length > 1)
              s = reduce(
                s,
                { type: 'snapshot', stamp: stamp() },
                { type: 'edit', workspace: { ...s.current.workspace, files: files.slice(0, 1) } },
              );
            break;
          }
          case 'reset':
            s = reduce(s, { type: 'reset', stamp: stamp() });
            break;
        }
        const all = reachable(s);
        const lost = tokens.filter((t) => !all.includes(t));
        expect(lost, log.join(' ')).toEqual([]);
      }
    });
  }
});
