import type { NewEvent } from './append-events';
import { decideOnStream, foldStream, type Decider } from './decider';
import type { StoredEvent } from './stored-event';

type Counter = { value: number; closed: boolean };
type Command = { add: number } | { close: true };

const counter: Decider<Counter, Command> = {
  initialState: () => ({ value: 0, closed: false }),
  evolve: (state, event) =>
    event.type === 'Closed'
      ? { ...state, closed: true }
      : { ...state, value: state.value + Number(event.payload!.toString('utf8')) },
  decide: (command, state): NewEvent[] => {
    if (state.closed) throw new Error('closed');
    const value = 'add' in command ? Buffer.from(String(command.add)) : null;
    return [
      {
        type: 'add' in command ? 'Added' : 'Closed',
        record: { topic: 't', message: { key: 'k', value, headers: { 'event-id': 'e' } } },
      },
    ];
  },
};

const stored = (version: number, type: string, payload: string | null): StoredEvent => ({
  position: String(version),
  streamId: 'counter-1',
  version,
  type,
  payload: payload === null ? null : Buffer.from(payload),
  headers: {},
});

describe('foldStream with a decider (given events, when a command, then events)', () => {
  it('rebuilds state and version from the stream alone', () => {
    const given = [stored(1, 'Added', '2'), stored(2, 'Added', '3')];
    expect(foldStream(given, counter)).toEqual({ state: { value: 5, closed: false }, version: 2 });
  });

  it('starts from the initial state at version 0 for a stream with no events', () => {
    expect(foldStream([], counter)).toEqual({ state: { value: 0, closed: false }, version: 0 });
  });

  it('decides from the rebuilt state: a closed counter refuses more', () => {
    const { state } = foldStream([stored(1, 'Added', '1'), stored(2, 'Closed', null)], counter);
    expect(() => counter.decide({ add: 1 }, state)).toThrow('closed');
  });
});

describe('decideOnStream (a decider spec without a database)', () => {
  it('appends the decided events to the given stream at the next versions', () => {
    const given = [stored(1, 'Added', '2')];
    const stream = decideOnStream(counter, given, { add: 3 });
    expect(stream.map(({ streamId, version, type }) => [streamId, version, type])).toEqual([
      ['counter-1', 1, 'Added'],
      ['counter-1', 2, 'Added'],
    ]);
    expect(foldStream(stream, counter)).toEqual({ state: { value: 5, closed: false }, version: 2 });
  });
});
