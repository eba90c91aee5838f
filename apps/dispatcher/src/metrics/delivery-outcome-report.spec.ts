import { DispatcherMetrics } from './dispatcher-metrics';
import { reportDeliveryOutcome, type DeliveryOutcome } from './delivery-outcome-report';

const DELIVERED: DeliveryOutcome = {
  webhookId: 4,
  deliveryId: 91,
  eventId: '0192f0c2-7a1b-7c3d-8e4f-5a6b7c8d9e0f',
  requestId: '3f0c4b0e-2f6a-4c52-9d1e-6a2f0b7d9c11',
  attempt: 1,
  outcome: 'delivered',
  status: 204,
  durationMs: 12,
  error: null,
  failureReason: null,
  retryInSeconds: null,
};

function capture() {
  const lines: Array<{ level: string; line: object }> = [];
  const logger = {
    log: (line: object) => lines.push({ level: 'info', line }),
    warn: (line: object) => lines.push({ level: 'warn', line }),
  };
  return { logger, lines };
}

describe('reportDeliveryOutcome', () => {
  it('writes one info line per delivered attempt with the webhook, delivery, event and request ids', () => {
    const { logger, lines } = capture();
    reportDeliveryOutcome(logger, new DispatcherMetrics(), DELIVERED);
    expect(lines).toEqual([
      {
        level: 'info',
        line: {
          msg: 'delivery delivered',
          webhook_id: 4,
          delivery_id: 91,
          event_id: DELIVERED.eventId,
          request_id: DELIVERED.requestId,
          attempt: 1,
          outcome: 'delivered',
          status: 204,
          duration_ms: 12,
        },
      },
    ]);
  });

  it('writes a retry at info with its error and delay, and a delivery given up on at warn', () => {
    const { logger, lines } = capture();
    const metrics = new DispatcherMetrics();
    reportDeliveryOutcome(logger, metrics, {
      ...DELIVERED,
      outcome: 'retrying',
      status: 500,
      error: 'HTTP 500',
      retryInSeconds: 5,
    });
    reportDeliveryOutcome(logger, metrics, {
      ...DELIVERED,
      attempt: 8,
      outcome: 'failed',
      status: null,
      error: 'connect ECONNREFUSED',
      failureReason: 'retries-exhausted',
    });
    expect(lines).toEqual([
      {
        level: 'info',
        line: expect.objectContaining({ outcome: 'retrying', error: 'HTTP 500', retry_in_s: 5 }),
      },
      {
        level: 'warn',
        line: expect.objectContaining({
          outcome: 'failed',
          status: null,
          failure_reason: 'retries-exhausted',
        }),
      },
    ]);
  });

  it('counts each outcome under its webhook id', async () => {
    const metrics = new DispatcherMetrics();
    const { logger } = capture();
    reportDeliveryOutcome(logger, metrics, DELIVERED);
    reportDeliveryOutcome(logger, metrics, DELIVERED);
    reportDeliveryOutcome(logger, metrics, { ...DELIVERED, webhookId: 5, outcome: 'failed' });
    const { values } = await metrics.deliveries.get();
    expect(values.map(({ labels, value }) => [labels.webhook_id, labels.outcome, value])).toEqual([
      ['4', 'delivered', 2],
      ['5', 'failed', 1],
    ]);
  });
});
