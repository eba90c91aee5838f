import { UnstoredDelivery, type IncomingEvent } from '../delivery';
import { DeliverySignals } from '../delivery-signals';
import type { AttemptRecord, DeliveryStore, FirstAttemptRecord } from '../store/delivery-store';
import { deliveredAttempt } from '../testing/delivered-attempt';
import { AttemptRecorder } from './attempt-recorder';

/**
 * A store that keeps the outcomes of each write, one list per statement: delivery ids, and `event:webhook`
 * for a delivery written with its first outcome.
 */
function recordingStore(): { store: DeliveryStore; writes: Array<Array<number | string>> } {
  const writes: Array<Array<number | string>> = [];
  const store = {
    recordAttempts: async (records: readonly AttemptRecord[]) => {
      if (records.length > 0) writes.push(records.map((record) => record.deliveryId));
    },
    recordFirstAttempts: async (records: readonly FirstAttemptRecord[]) => {
      writes.push(records.map(({ event, webhookId }) => `${event.eventId}:${webhookId}`));
    },
  } as unknown as DeliveryStore;
  return { store, writes };
}

const EVENT: IncomingEvent = {
  eventId: 'e1',
  event: 'created',
  objectType: 'validity.compliancereport',
  objectId: '1',
  requestId: null,
  timestamp: '2024-01-10T08:15:02.401177+00:00',
  body: Buffer.from('{}'),
  topic: 'events',
  partition: 0,
  offset: '0',
};

describe('AttemptRecorder', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('writes the outcomes that finish while it gathers in one statement, not the first one alone', async () => {
    const { store, writes } = recordingStore();
    const recorder = new AttemptRecorder(store, new DeliverySignals());
    recorder.record(deliveredAttempt(1));
    recorder.record(deliveredAttempt(2));
    await jest.advanceTimersByTimeAsync(5);
    recorder.record(deliveredAttempt(3));
    await jest.advanceTimersByTimeAsync(150);
    expect(writes).toEqual([[1, 2, 3]]);
    await recorder.drain();
  });

  it('writes at once when an outcome lets a per-object webhook send its next delivery', async () => {
    const { store, writes } = recordingStore();
    const signals = new DeliverySignals();
    const woken: number[] = [];
    signals.onWorkDue((webhookId) => woken.push(webhookId));
    const recorder = new AttemptRecorder(store, signals);
    recorder.record(deliveredAttempt(1));
    recorder.record(deliveredAttempt(2, 7), true);
    await jest.advanceTimersByTimeAsync(0);
    expect(writes).toEqual([[1, 2]]);
    expect(woken).toEqual([7]);
    await recorder.drain();
  });

  it('writes a delivery without a row with its outcome, once per statement, and tells its batch', async () => {
    const { store, writes } = recordingStore();
    const recorder = new AttemptRecorder(store, new DeliverySignals());
    let stored = 0;
    const unstored = new UnstoredDelivery(EVENT, 3, 0, () => (stored += 1));
    // The same delivery twice (a duplicate claim): one upsert may not touch a row twice.
    recorder.record({ ...deliveredAttempt(0), unstored });
    recorder.record({ ...deliveredAttempt(0), unstored });
    recorder.record(deliveredAttempt(9));
    await recorder.drain();
    expect(writes).toEqual([['e1:3'], [9], ['e1:3']]);
    expect(stored).toBe(1);
  });

  it('tells which webhooks it wrote retries of, once each, after the write', async () => {
    const { store, writes } = recordingStore();
    const signals = new DeliverySignals();
    const retried: Array<[number, number]> = [];
    signals.onRetriesScheduled((webhookId) => retried.push([webhookId, writes.length]));
    const recorder = new AttemptRecorder(store, signals);
    const retrying = (deliveryId: number, webhookId: number): AttemptRecord => ({
      ...deliveredAttempt(deliveryId, webhookId),
      status: 'retrying',
      retryInSeconds: 10,
    });
    recorder.record(retrying(1, 4));
    recorder.record(retrying(2, 4));
    recorder.record(retrying(3, 5));
    recorder.record(deliveredAttempt(4, 6));
    await recorder.drain();
    expect(writes).toEqual([[1, 2, 3, 4]]);
    expect(retried).toEqual([
      [4, 1],
      [5, 1],
    ]);
  });

  it('writes what is queued at shutdown without waiting for more', async () => {
    const { store, writes } = recordingStore();
    const recorder = new AttemptRecorder(store, new DeliverySignals());
    recorder.record(deliveredAttempt(1));
    await recorder.drain();
    expect(writes).toEqual([[1]]);
  });
});
