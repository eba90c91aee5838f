import type { EntityManager } from 'typeorm';
import type { NewEvent } from './append-events';
import type { Decider } from './decider';
import { decideCommands } from './handle-commands';

type Counter = number;
type Command = { add: number };

const counter: Decider<Counter, Command> = {
  initialState: () => 0,
  evolve: (state, event) => state + Number(event.payload!.toString('utf8')),
  decide: ({ add }): NewEvent[] => [
    {
      type: 'Added',
      record: {
        topic: 't',
        message: { key: 'k', value: Buffer.from(String(add)), headers: { 'event-id': `e-${add}` } },
      },
    },
  ],
};

/** A manager whose store holds `counter-1` at version 2 (value 5); it records every statement. */
function fakeManager() {
  const statements: Array<{ sql: string; parameters: unknown[] }> = [];
  const query = (sql: string, parameters: unknown[]) => {
    statements.push({ sql, parameters });
    if (sql.includes('SELECT')) {
      return Promise.resolve(
        [2, 3].map((added, index) => ({
          position: String(index + 1),
          stream_id: 'counter-1',
          version: index + 1,
          event_type: 'Added',
          payload: Buffer.from(String(added)),
          headers: {},
        })),
      );
    }
    const rows = (parameters.length / 8) | 0;
    return Promise.resolve(
      Array.from({ length: rows }, (_, row) => ({
        position: String(10 + row),
        version: parameters[row * 8 + 2],
        event_id: parameters[row * 8],
      })),
    );
  };
  return { manager: { query } as unknown as EntityManager, statements };
}

describe('commands decided on a batch of streams, then appended', () => {
  it('reads every stream in one query, decides each on its own state, and appends at their versions', async () => {
    const { manager, statements } = fakeManager();
    const decided = await decideCommands(manager, 's', counter, [
      { streamId: 'counter-1', command: { add: 1 } },
      { streamId: 'counter-2', command: { add: 4 } },
    ]);
    expect(decided.handled.map(({ before, after, version }) => ({ before, after, version }))).toEqual([
      { before: 5, after: 6, version: 3 },
      { before: 0, after: 4, version: 1 },
    ]);
    expect(statements).toHaveLength(1);
    await decided.append();
    expect(statements).toHaveLength(2);
    const values = statements[1].parameters;
    expect([values[1], values[2], values[9], values[10]]).toEqual(['counter-1', 3, 'counter-2', 1]);
  });

  it('reads nothing for new streams, which are appended at version 1', async () => {
    const { manager, statements } = fakeManager();
    const decided = await decideCommands(
      manager,
      's',
      counter,
      [{ streamId: 'counter-1', command: { add: 1 } }],
      {
        newStreams: true,
      },
    );
    expect(decided.handled[0]).toMatchObject({ before: 0, after: 1, version: 1 });
    await decided.append();
    expect(statements).toHaveLength(1);
    expect(statements[0].parameters.slice(1, 3)).toEqual(['counter-1', 1]);
  });

  it('decides each stream once per batch', async () => {
    const { manager } = fakeManager();
    const twice = [
      { streamId: 'counter-1', command: { add: 1 } },
      { streamId: 'counter-1', command: { add: 2 } },
    ];
    await expect(decideCommands(manager, 's', counter, twice)).rejects.toThrow('once');
  });
});
