import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { testInfrastructure, uniqueName } from '@validity/testing';
import type { NewEvent } from './append-events';
import type { Decider } from './decider';
import { createEventStore } from './event-store.migration';
import { handleCommand } from './handle-command';
import { StaleStreamError } from './stale-stream.error';

/** A stream of numbers added up; a command adds one more. */
const total: Decider<number, number> = {
  initialState: () => 0,
  evolve: (state, event) => state + Number(event.payload!.toString('utf8')),
  decide: (add): NewEvent[] => [
    {
      type: 'Added',
      record: {
        topic: 'totals',
        message: { key: 'k', value: Buffer.from(String(add)), headers: { 'event-id': uuidv7() } },
      },
    },
  ],
};

describe('handleCommand on real PostgreSQL', () => {
  const schema = uniqueName('handle');
  const dataSource = new DataSource({ type: 'postgres', url: testInfrastructure().databaseUrl });
  const handle = (streamId: string, add: number, expectedVersion?: number) =>
    dataSource.transaction((manager) =>
      handleCommand(manager, schema, streamId, total, add, { expectedVersion }),
    );

  beforeAll(async () => {
    await dataSource.initialize();
    await dataSource.query(`CREATE SCHEMA "${schema}"`);
    const runner = dataSource.createQueryRunner();
    await createEventStore(runner, schema);
    await runner.release();
  });
  afterAll(async () => {
    await dataSource.destroy();
  });

  it('decides from the state folded from the stream, and returns the appended events as stored', async () => {
    const stream = uniqueName('total');
    await handle(stream, 2);
    const handled = await handle(stream, 3);
    expect(handled).toMatchObject({ before: 2, after: 5, version: 2 });
    expect(handled.appended).toEqual([
      expect.objectContaining({ streamId: stream, version: 2, type: 'Added', payload: Buffer.from('3') }),
    ]);
  });

  it('refuses a command whose caller saw another version, before deciding', async () => {
    const stream = uniqueName('total');
    await handle(stream, 1);
    await handle(stream, 1);
    await expect(handle(stream, 1, 1)).rejects.toBeInstanceOf(StaleStreamError);
    await expect(handle(stream, 1, 2)).resolves.toMatchObject({ after: 3, version: 3 });
  });

  it('appends to a stream expected new without reading it, and refuses one that is not new', async () => {
    const stream = uniqueName('total');
    await expect(handle(stream, 4, 0)).resolves.toMatchObject({ before: 0, after: 4, version: 1 });
    await expect(handle(stream, 4, 0)).rejects.toBeInstanceOf(StaleStreamError);
  });
});
