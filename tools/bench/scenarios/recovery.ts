import type { BenchScenario } from '../src/bench-scenario';
import {
  BenchPublisher,
  createKnownWebhooks,
  deliveryWait,
  measureDispatch,
  rateOf,
} from '../src/dispatch-bench';
import { pidListeningOn, sampleResidentPeak } from '../src/process-memory';
import { startReceiver } from '../src/receiver';
import { deleteWebhooks, reportCreatedWebhook, waitingDeliveries } from '../src/webhooks-admin';

const EVENTS = Number(process.env.BENCH_BACKLOG_EVENTS ?? 100_000);
/** Deliveries that were attempted during the outage wait for their retry (5 s, then 300 s): not waited for. */
const ATTEMPTED_DURING_OUTAGE = 50;
const FRESH_EVENTS = Math.min(20_000, EVENTS);

/**
 * `backlog drain` and the dispatcher's RSS with a backlog: one webhook's receiver is down (answers 500)
 * while EVENTS events arrive, so they pile up as due deliveries (its circuit opens after 5 failures and
 * probes with growing cooldowns). Once the dispatcher has stored them all, the receiver recovers; the
 * drain rate is deliveries/s from the first delivery after recovery to the last, compared with fresh
 * traffic to the same receiver measured right after in the same run. The dispatcher's peak RSS is
 * sampled from the start of the outage to the end of the drain.
 */
export const scenario: BenchScenario = {
  name: 'backlog',
  async run(stack, log) {
    const receiver = await startReceiver();
    const publisher = await BenchPublisher.connect(stack);
    const rss = sampleResidentPeak(await pidListeningOn(stack.dispatcherPort), 100);
    const [webhookId] = await createKnownWebhooks(
      stack,
      publisher,
      receiver,
      [reportCreatedWebhook(`bench-backlog-${Date.now()}`, `${receiver.url}?backlog`)],
      log,
    );
    try {
      await receiver.fail();
      await publisher.publish(EVENTS);
      const stored = await waitForWaiting(stack, webhookId, EVENTS - ATTEMPTED_DURING_OUTAGE, log);
      log(`  backlog: ${stored} deliveries waiting; the receiver recovers`);
      await receiver.reset();
      await receiver.recover();
      const drain = rateOf(
        await receiver.waitForCount(EVENTS - ATTEMPTED_DURING_OUTAGE, {
          ...deliveryWait(EVENTS),
          // The circuit's next probe may be a minute away (its cooldown doubles while the outage lasts).
          stallMs: 200_000,
        }),
      );
      const peakBytes = await rss.stop();
      log(
        `  backlog: ${drain.delivered} drained in ${drain.seconds.toFixed(2)} s = ${drain.rate.toFixed(0)}/s`,
      );
      await deleteWebhooks(stack, [webhookId]);
      await receiver.reset();
      const fresh = await measureDispatch(stack, publisher, receiver, FRESH_EVENTS, 'backlog-fresh', log);
      return [
        { name: 'backlog drain', value: Math.round(drain.rate), unit: 'deliveries/s', target: null },
        {
          name: 'backlog: fresh traffic, same run',
          value: Math.round(fresh.rate),
          unit: 'deliveries/s',
          target: null,
        },
        {
          name: 'backlog drain vs fresh traffic',
          value: fresh.rate > 0 ? drain.rate / fresh.rate : 0,
          unit: 'ratio',
          target: 0.5,
          better: 'higher',
        },
        { name: 'backlog: due deliveries', value: stored, unit: 'deliveries', target: null },
        {
          name: 'dispatcher RSS with the backlog (peak)',
          value: Math.round((peakBytes / 1024 / 1024) * 10) / 10,
          unit: 'MiB',
          target: 300,
          better: 'lower',
        },
      ];
    } finally {
      await rss.stop().catch(() => 0);
      await deleteWebhooks(stack, [webhookId]).catch(() => undefined);
      await publisher.disconnect();
      await receiver.stop();
    }
  },
};

/** Polls the webhook's health until at least `count` deliveries wait; returns how many wait. */
async function waitForWaiting(
  stack: Parameters<BenchScenario['run']>[0],
  webhookId: number,
  count: number,
  log: (line: string) => void,
): Promise<number> {
  const started = Date.now();
  let waiting = 0;
  let lastLog = 0;
  while (Date.now() - started < 600_000) {
    waiting = await waitingDeliveries(stack, webhookId);
    if (waiting >= count) return waiting;
    if (Date.now() - lastLog > 10_000) {
      lastLog = Date.now();
      log(`  backlog: ${waiting} of ${count} deliveries stored`);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`only ${waiting} of ${count} deliveries were stored within 10 minutes`);
}
