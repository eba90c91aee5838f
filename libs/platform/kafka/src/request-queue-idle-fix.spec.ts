import { mendIdleRequestQueueLoop } from './request-queue-idle-fix';

interface Queue {
  pending: Array<{ send: () => void; expectResponse: boolean; correlationId: number }>;
  throttledUntil: number;
  throttleCheckTimeoutId: NodeJS.Timeout | null;
  checkPendingRequests(): void;
  destroy(): void;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const RequestQueue = require('kafkajs/src/network/requestQueue') as new (options: object) => Queue;

const logger = {
  debug: () => undefined,
  error: () => undefined,
  warn: () => undefined,
  info: () => undefined,
};
const aQueue = () =>
  new RequestQueue({ maxInFlightRequests: null, clientId: 'spec', broker: 'spec:9092', logger });

describe('the kafkajs request queue, mended', () => {
  it('left alone, it keeps a timer loop with nothing pending (the bug being mended)', () => {
    const queue = aQueue();
    queue.checkPendingRequests();
    expect(queue.throttleCheckTimeoutId).not.toBeNull();
    clearTimeout(queue.throttleCheckTimeoutId!);
    queue.destroy();
  });

  describe('after mendIdleRequestQueueLoop()', () => {
    beforeAll(() => mendIdleRequestQueueLoop());

    it('schedules nothing while no request waits', () => {
      const queue = aQueue();
      queue.checkPendingRequests();
      expect(queue.throttleCheckTimeoutId).toBeNull();
      queue.destroy();
    });

    it('still sends a request that waited for a throttle once the throttle ends', async () => {
      const queue = aQueue();
      const send = jest.fn();
      queue.throttledUntil = Date.now() + 30;
      queue.pending.push({ send, expectResponse: true, correlationId: 1 });
      queue.checkPendingRequests();
      expect(send).not.toHaveBeenCalled();
      expect(queue.throttleCheckTimeoutId).not.toBeNull();
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(send).toHaveBeenCalledTimes(1);
      expect(queue.pending).toHaveLength(0);
      expect(queue.throttleCheckTimeoutId).toBeNull();
      queue.destroy();
    });

    it('checks again after 10 ms when the throttle ended a moment ago (kafkajs#1532)', async () => {
      const queue = aQueue();
      const send = jest.fn();
      queue.throttledUntil = Date.now() + 2;
      queue.pending.push({ send, expectResponse: true, correlationId: 1 });
      await new Promise((resolve) => setTimeout(resolve, 5));
      (queue as unknown as { scheduleCheckPendingRequests(): void }).scheduleCheckPendingRequests();
      expect(queue.throttleCheckTimeoutId).not.toBeNull();
      await new Promise((resolve) => setTimeout(resolve, 60));
      expect(send).toHaveBeenCalledTimes(1);
      queue.destroy();
    });
  });
});
