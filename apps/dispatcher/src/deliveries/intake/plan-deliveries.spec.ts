import type { DecodedEnvelope } from '@validity/contracts';
import type { DecodedRecord } from '@validity/platform/kafka';
import { aWebhookDefinition } from '@validity/testing';
import { WebhookView } from '../../webhook-view/webhook-view';
import type { DeliverySignals } from '../delivery-signals';
import type { DeliveryStore } from '../store/delivery-store';
import type { ClaimsAtInsert } from './claims-at-insert';
import { PlanDeliveries } from './plan-deliveries';

const FAST = 1;
const BEHIND = 2;

/** A record appended since the assignment, matching every webhook of the view. */
function appendedRecord(offset: number): DecodedRecord<DecodedEnvelope> {
  const envelope = {
    event: 'created' as const,
    timestamp: '2026-12-05T21:00:00.000000+00:00',
    model: 'compliancereport',
    username: 'admin',
    request_id: null,
    data: { id: offset },
    snapshots: { prechange: null, postchange: null },
  };
  return {
    value: {
      ok: true,
      envelope,
      eventId: `event-${offset}`,
      objectType: 'validity.compliancereport',
      event: 'created',
      key: String(offset),
      traceparent: null,
      raw: Buffer.from(JSON.stringify(envelope)),
    },
    consumed: {
      topic: 'validity.compliancereport.created',
      partition: 0,
      offset: String(offset),
      record: { key: null, value: null, headers: {}, timestamp: '0', offset: String(offset) } as never,
      timestampMs: Date.now(),
      appendedSinceAssignment: true,
    },
  };
}

/** Room for every delivery of `FAST`, none for `BEHIND` (its deliveries are stored due). */
function claimsWithRoomFor(webhookId: number) {
  const accepted: Array<{ webhookId: number; claims: number; reserved: number }> = [];
  const claims: ClaimsAtInsert = {
    reserve: (id, wanted) => ({ granted: id === webhookId ? wanted : 0, leaseSeconds: 30 }),
    accept: (id, given, reserved) => accepted.push({ webhookId: id, claims: given.length, reserved }),
  };
  return { claims, accepted };
}

function planDeliveries(insertPlanned: DeliveryStore['insertPlanned'], claims: ClaimsAtInsert) {
  const view = new WebhookView();
  view.put(aWebhookDefinition(FAST, 'http://127.0.0.1:9000/fast'));
  view.put(aWebhookDefinition(BEHIND, 'http://127.0.0.1:9000/behind'));
  const signals = { workDue: jest.fn(), deliveriesFailed: jest.fn() } as unknown as DeliverySignals;
  const store = { insertPlanned } as unknown as DeliveryStore;
  return new PlanDeliveries(view, () => Promise.resolve(), store, signals, claims);
}

describe('PlanDeliveries', () => {
  it("hands a webhook's new deliveries to the engine before another webhook's are stored", async () => {
    let storeBehind!: () => void;
    let statementSent!: () => void;
    const storing = new Promise<void>((resolve) => (statementSent = resolve));
    const insertPlanned = jest.fn(() => {
      statementSent();
      return new Promise<[]>((resolve) => (storeBehind = () => resolve([])));
    }) as unknown as DeliveryStore['insertPlanned'];
    const { claims, accepted } = claimsWithRoomFor(FAST);
    const plan = planDeliveries(insertPlanned, claims);

    const handled = plan.handle([appendedRecord(1), appendedRecord(2)]);
    // Planning yields to the event loop in slices, so wait for the statement rather than for a tick.
    await storing;

    expect(insertPlanned).toHaveBeenCalledTimes(1);
    expect(accepted).toEqual([{ webhookId: FAST, claims: 2, reserved: 2 }]);
    storeBehind();
    await expect(handled).resolves.toEqual({ durable: expect.any(Promise) });
    expect(accepted).toEqual([{ webhookId: FAST, claims: 2, reserved: 2 }]);
  });

  it('fails the batch when storing the others fails, and gives back no room twice', async () => {
    const insertPlanned = jest.fn(() =>
      Promise.reject(new Error('PostgreSQL is away')),
    ) as unknown as DeliveryStore['insertPlanned'];
    const { claims, accepted } = claimsWithRoomFor(FAST);
    const plan = planDeliveries(insertPlanned, claims);

    await expect(plan.handle([appendedRecord(1)])).rejects.toThrow('PostgreSQL is away');
    expect(accepted).toEqual([{ webhookId: FAST, claims: 1, reserved: 1 }]);
  });
});
