import { describe, expect, it } from 'vitest';
import { frameKey, handshake, initialHandshake, type HandshakeInput, type HandshakeState } from './handshake';

const KEY = 'k'.repeat(32);
const hello = (key = KEY, ports = 1): HandshakeInput => ({
  type: 'message',
  data: { kind: 'hello', key },
  ports,
});

function feed(inputs: HandshakeInput[]): { state: HandshakeState; commands: (string | null)[] } {
  let state = initialHandshake;
  const commands: (string | null)[] = [];
  for (const input of inputs) {
    const next = handshake(state, input, KEY);
    state = next.state;
    commands.push(next.command);
  }
  return { state, commands };
}

describe('the runner handshake', () => {
  it('connects our document: one load, one hello with the key and a port', () => {
    expect(feed([{ type: 'load' }, hello()]).commands).toEqual([null, 'connect']);
    // The hello may come before the load event.
    expect(feed([hello(), { type: 'load' }])).toMatchObject({
      state: { phase: 'connected' },
      commands: ['connect', null],
    });
  });

  it('discards a frame that was navigated, before or after the handshake', () => {
    expect(feed([{ type: 'load' }, { type: 'load' }]).commands).toEqual([null, 'discard']);
    expect(feed([{ type: 'load' }, hello(), { type: 'load' }]).commands).toEqual([
      null,
      'connect',
      'discard',
    ]);
  });

  it('discards a frame that answers without the key, without a port, or says anything else', () => {
    for (const bad of [
      hello('guessed'),
      hello(KEY, 0),
      hello(KEY, 2),
      { type: 'message', data: { kind: 'crash', message: 'text' }, ports: 0 } as const,
      { type: 'message', data: null, ports: 0 } as const,
    ])
      expect(feed([bad]).commands).toEqual(['discard']);
    // A second hello, even with the key, is not ours: ours says it once.
    expect(feed([hello(), hello()]).commands).toEqual(['connect', 'discard']);
  });

  it('discards a frame that has not said hello by the deadline, and nothing after a discard', () => {
    expect(feed([{ type: 'load' }, { type: 'deadline' }]).commands).toEqual([null, 'discard']);
    expect(feed([hello(), { type: 'deadline' }]).commands).toEqual(['connect', null]);
    expect(feed([hello('x'), hello(), { type: 'load' }]).commands).toEqual(['discard', null, null]);
  });

  it('makes a fresh 128-bit key each time', () => {
    const a = frameKey();
    expect(a).toMatch(/^[0-9a-f]{32}$/);
    expect(frameKey()).not.toBe(a);
  });
});
