import { DeliverySignals } from '../delivery-signals';
import type { AttemptRecord, DeliveryStore } from '../store/delivery-store';
import { deliveredAttempt } from '../testing/delivered-attempt';
import { AttemptRecorder } from './attempt-recorder';

/** A store that keeps the outcomes of each write, one list per statement. */
function recordingStore(): { store: DeliveryStore; writes: number[][] } {
  const writes: number[][] = [];
  const store = {
    recordAttempts: async (records: readonly AttemptRecord[]) => {
      writes.push(records.map((record) => record.deliveryId));
    },
  } as unknown as DeliveryStore;
  return { store, writes };
}

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
    await jest.advanceTimersByTimeAsync(50);
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
    recorder.record(deliveredAttempt(2), 7);
    await jest.advanceTimersByTimeAsync(0);
    expect(writes).toEqual([[1, 2]]);
    expect(woken).toEqual([7]);
    await recorder.drain();
  });

  it('writes what is queued at shutdown without waiting for more', async () => {
    const { store, writes } = recordingStore();
    const recorder = new AttemptRecorder(store, new DeliverySignals());
    recorder.record(deliveredAttempt(1));
    await recorder.drain();
    expect(writes).toEqual([[1]]);
  });
});
