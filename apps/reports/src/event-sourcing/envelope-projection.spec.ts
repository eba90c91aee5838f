import type { EntityManager } from 'typeorm';
import type { StoredEvent } from '@validity/platform/event-store';
import { EnvelopeProjection } from './envelope-projection';

const manager = {} as EntityManager;

const eventOf = (type: string, data: unknown): StoredEvent => ({
  position: '7',
  streamId: 'thing-3',
  version: 1,
  type,
  payload: Buffer.from(JSON.stringify({ event: 'created', data })),
  headers: {},
});

describe('a read model projected from envelope events', () => {
  const put = jest.fn(() => Promise.resolve());
  const remove = jest.fn(() => Promise.resolve());
  const projection = new EnvelopeProjection<{ id: number; name: string }>({
    name: 'things',
    tables: ['"s"."things"'],
    changed: ['ThingCreated', 'ThingUpdated'],
    deleted: 'ThingDeleted',
    ofData: (data) => ({ id: data.id as number, name: data.name as string }),
    put,
    remove,
  });
  beforeEach(() => jest.clearAllMocks());

  it('puts the object a change shows and removes the one a delete shows', async () => {
    await projection.apply(manager, eventOf('ThingCreated', { id: 3, name: 'a' }));
    await projection.apply(manager, eventOf('ThingUpdated', { id: 3, name: 'b' }));
    await projection.apply(manager, eventOf('ThingDeleted', { id: 3, name: 'b' }));
    expect(put.mock.calls).toEqual([
      [manager, { id: 3, name: 'a' }],
      [manager, { id: 3, name: 'b' }],
    ]);
    expect(remove.mock.calls).toEqual([[manager, 3]]);
  });

  it("ignores other aggregates' events without reading them", async () => {
    await projection.apply(manager, { ...eventOf('OtherCreated', null), payload: null });
    expect(put).not.toHaveBeenCalled();
    expect(remove).not.toHaveBeenCalled();
  });
});
