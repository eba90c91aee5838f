import type { WebhookDefinition } from '@validity/contracts';
import { aWebhookDefinition } from '@validity/testing';
import type { DeliverySettings } from '../../config';
import { DispatcherMetrics } from '../../metrics/dispatcher-metrics';
import type { SendOutcome, WebhookSender, OutgoingRequest } from '../../sending/webhook-sender';
import { monotonicNow } from '../../scheduling/monotonic-clock';
import { WebhookView } from '../../webhook-view/webhook-view';
import type { ClaimedDelivery } from '../delivery';
import type { AttemptRecord } from '../store/delivery-store';
import type { UnstoredClaims } from './unstored-claims';
import type { AttemptRecorder } from './attempt-recorder';
import { DeliveryAttempts } from './delivery-attempts';

const SETTINGS: DeliverySettings = {
  retryScheduleSeconds: [10, 60],
  blockPrivateAddresses: false,
  concurrency: 10,
  concurrencyPerWebhook: 2,
  logRetentionDays: 30,
};

function definition(overrides: Partial<WebhookDefinition> = {}): WebhookDefinition {
  return aWebhookDefinition(7, 'http://receiver.test/hook', {
    name: 'hook',
    additional_headers: 'X-Hook-Signature: forged\nUser-Agent: custom/1',
    secret: 'secret',
    ssl_verification: false,
    ca_file_path: '/etc/ca.pem',
    timeout: 3,
    ...overrides,
  });
}

function claimed(attemptNumber: number, retryBase = 0): ClaimedDelivery {
  return {
    id: 11,
    webhookId: 7,
    messageId: 'msg_e1_7',
    attemptNumber,
    retryBase,
    event: {
      eventId: 'e1',
      event: 'created',
      objectType: 'validity.compliancereport',
      objectId: '31',
      requestId: null,
      timestamp: new Date().toISOString(),
      body: Buffer.from('{"event": "created", "data": {"id": 31}}'),
    },
  };
}

/** `outcome`: what the receiver answers, or an error the send fails with. */
function setUp(outcome: SendOutcome | Error, webhook: WebhookDefinition | null = definition()) {
  const view = new WebhookView();
  if (webhook) view.put(webhook);
  const sent: OutgoingRequest[] = [];
  const sender = {
    send: (request: OutgoingRequest) => {
      sent.push(request);
      return outcome instanceof Error ? Promise.reject(outcome) : Promise.resolve(outcome);
    },
  };
  const records: AttemptRecord[] = [];
  const recorder = { record: (record: AttemptRecord) => records.push(record) };
  const unclaimed: unknown[] = [];
  const store = { release: (claims: unknown[]) => (unclaimed.push(...claims), Promise.resolve()) };
  const metrics = new DispatcherMetrics();
  const attempts = new DeliveryAttempts(
    view,
    sender as unknown as WebhookSender,
    store as unknown as UnstoredClaims,
    recorder as unknown as AttemptRecorder,
    SETTINGS,
    metrics,
    () => 0.5,
  );
  return { attempts, sent, records, unclaimed, metrics, view };
}

const response = (statusCode: number, retryAfter?: string): SendOutcome => ({
  kind: 'response',
  statusCode,
  retryAfter,
  body: 'answer',
  durationMs: 12,
});

describe('DeliveryAttempts', () => {
  it('sends with the webhook settings, our signature over a forged one, and a custom User-Agent kept', async () => {
    const { attempts, sent, records } = setUp(response(204));
    expect(await attempts.run(claimed(1))).toEqual({ kind: 'success' });
    const [request] = sent;
    expect(request).toMatchObject({ timeoutMs: 3_000, verifyTls: false, caFilePath: '/etc/ca.pem' });
    expect(request.headers['X-Hook-Signature']).toMatch(/^[0-9a-f]{128}$/);
    expect(request.headers['User-Agent']).toBe('custom/1');
    expect(request.headers['Accept-Encoding']).toBe('identity');
    expect(request.headers['webhook-id']).toBe('msg_e1_7');
    expect(records).toMatchObject([
      { status: 'delivered', statusCode: 204, retryInSeconds: null, lastError: null },
    ]);
  });

  it('schedules a retry after a failure, counting attempts from the current schedule', async () => {
    const first = setUp(response(500));
    expect(await first.attempts.run(claimed(1))).toEqual({ kind: 'failure' });
    expect(first.records).toMatchObject([{ status: 'retrying', retryInSeconds: 10, lastError: 'HTTP 500' }]);

    const afterRedelivery = setUp(response(500));
    await afterRedelivery.attempts.run(claimed(5, 3));
    expect(afterRedelivery.records).toMatchObject([{ status: 'retrying', retryInSeconds: 60 }]);
  });

  it('fails the delivery once the schedule is used up', async () => {
    const { attempts, records } = setUp({
      kind: 'error',
      error: 'ECONNREFUSED: refused',
      permanent: false,
      durationMs: 1,
    });
    await attempts.run(claimed(3));
    expect(records).toMatchObject([
      {
        status: 'failed',
        failureReason: 'retries-exhausted',
        error: 'ECONNREFUSED: refused',
        lastError: 'ECONNREFUSED: refused (gave up after 3 attempts)',
      },
    ]);
  });

  it('pauses the whole webhook for a throttling answer, as long as Retry-After asks within bounds', async () => {
    const { attempts, records } = setUp(response(429, '30'));
    // The pause is a monotonic deadline (fractional milliseconds): Date.now() truncates, and was 0.2 ms short in CI.
    const before = monotonicNow();
    const result = await attempts.run(claimed(1));
    expect(records).toMatchObject([{ status: 'retrying', retryInSeconds: 30 }]);
    expect(result).toMatchObject({ kind: 'throttled' });
    const until = (result as { until: number }).until;
    expect(until - before).toBeGreaterThanOrEqual(30_000);
    expect(until - monotonicNow()).toBeLessThanOrEqual(30_000);
  });

  it('fails without retrying for a refused destination', async () => {
    const { attempts, records } = setUp({ kind: 'error', error: 'blocked', permanent: true, durationMs: 0 });
    await attempts.run(claimed(1));
    expect(records).toMatchObject([{ status: 'failed', failureReason: 'blocked-destination' }]);
  });

  it('fails a delivery whose template cannot be rendered, sending nothing', async () => {
    const { attempts, sent, records } = setUp(response(200), definition({ body_template: '{{ data.x.y }}' }));
    expect(await attempts.run(claimed(1))).toBeNull();
    expect(sent).toHaveLength(0);
    expect(records).toMatchObject([
      {
        status: 'failed',
        failureReason: 'render-error',
        error: "template error: 'dict object' has no attribute 'x'",
      },
    ]);
  });

  it('counts an unexpected error as a failed attempt, so the schedule bounds it', async () => {
    const { attempts, records } = setUp(new Error('boom'));
    expect(await attempts.run(claimed(1))).toEqual({ kind: 'failure' });
    expect(records).toMatchObject([{ status: 'retrying', error: 'internal error: boom' }]);
  });

  it('cancels instead of scheduling a retry when the webhook was disabled while the attempt was in flight', async () => {
    const hook = definition();
    const { attempts, records } = setUp(
      { kind: 'error', error: 'timeout', permanent: false, durationMs: 1 },
      hook,
    );
    const view = (attempts as unknown as { view: WebhookView }).view;
    const sender = (attempts as unknown as { sender: { send: () => Promise<SendOutcome> } }).sender;
    const send = sender.send;
    sender.send = async () => {
      view.put({ ...hook, enabled: false });
      return send();
    };
    await attempts.run(claimed(1));
    expect(records).toMatchObject([
      { status: 'cancelled', retryInSeconds: null, lastError: 'timeout (the webhook was disabled)' },
    ]);
  });

  it('fails the delivery of a deleted webhook, and hands back that of a disabled one', async () => {
    const deleted = setUp(response(200), null);
    await deleted.attempts.run(claimed(1));
    expect(deleted.records).toMatchObject([{ status: 'failed', failureReason: 'webhook-deleted' }]);

    const disabled = setUp(response(200), definition({ enabled: false }));
    expect(await disabled.attempts.run(claimed(2))).toBeNull();
    expect(disabled.sent).toHaveLength(0);
    expect(disabled.records).toHaveLength(0);
    expect(disabled.unclaimed).toMatchObject([{ id: 11, attemptNumber: 2 }]);
  });

  it("drops a deleted webhook's metric series, keeping those of a webhook that was only changed", async () => {
    const kept = definition({ id: 8 });
    const { attempts, metrics, view } = setUp(response(204));
    view.put(kept);
    await attempts.run(claimed(1));
    await attempts.run({ ...claimed(1), id: 12, webhookId: 8 });
    expect(await metrics.registry.metrics()).toContain('webhook_id="7"');

    view.remove(7);
    view.put({ ...kept, enabled: false });

    const text = await metrics.registry.metrics();
    expect(text).not.toContain('webhook_id="7"');
    expect(text).toContain('validity_dispatcher_deliveries_total{webhook_id="8",outcome="delivered"} 1');
    expect(text).toContain('validity_dispatcher_attempt_duration_seconds_count{webhook_id="8"} 1');
  });
});
