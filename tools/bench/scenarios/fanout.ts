import type { BenchScenario } from '../src/bench-scenario';
import { BenchPublisher } from '../src/dispatch-bench';
import { percentile } from '../src/percentile';
import { startReceiver } from '../src/receiver';
import { sharedNow } from '../src/shared-clock';
import { createWebhooks, deleteWebhooks, reportCreatedWebhook } from '../src/webhooks-admin';

const WEBHOOKS = Number(process.env.BENCH_FANOUT_WEBHOOKS ?? 10_000);
const ROUNDS = 3;

/**
 * `fanout`: 10,000 matching webhooks (`BENCH_FANOUT_WEBHOOKS`; one bulk POST, all to one receiver
 * process, distinct query strings), one event → time from the publish call to the last delivery; the
 * median of 3 events.
 * The first event only warms up and shows the dispatcher knows every webhook. A round that does not
 * get all deliveries within its bounded wait reports the time waited (a lower bound, not met)
 * and how many arrived, instead of failing the whole run.
 */
export const scenario: BenchScenario = {
  name: 'fanout',
  async run(stack, log) {
    const receiver = await startReceiver();
    const publisher = await BenchPublisher.connect(stack);
    let ids: number[] = [];
    try {
      const tag = Date.now();
      ids = await createWebhooks(
        stack,
        Array.from({ length: WEBHOOKS }, (_, index) =>
          reportCreatedWebhook(`bench-fanout-${tag}-${index}`, `${receiver.url}?fanout=${tag}-${index}`),
        ),
      );
      // The dispatcher learns webhooks from a topic: give it a moment, then warm up with one event.
      await new Promise((resolve) => setTimeout(resolve, Math.max(3_000, WEBHOOKS)));
      const seconds: number[] = [];
      const delivered: number[] = [];
      for (let round = 0; round <= ROUNDS; round += 1) {
        await receiver.reset();
        const publishedAt = sharedNow();
        await publisher.publish(1);
        // The warm-up waits out its whole bound: were it to give up early, its late deliveries would
        // count toward the next round.
        const timeoutMs = Math.max(20_000, WEBHOOKS * 3);
        const stats = await receiver.waitForCount(WEBHOOKS, {
          timeoutMs,
          stallMs: round === 0 ? timeoutMs : 5_000,
        });
        const endedAt = stats.count >= WEBHOOKS ? stats.lastAt! : sharedNow();
        const took = (endedAt - publishedAt) / 1000;
        log(
          `  fanout ${round === 0 ? 'warm-up' : `round ${round}`}: ${stats.count} of ${WEBHOOKS} deliveries, ${stats.count >= WEBHOOKS ? 'last' : 'gave up'} after ${took.toFixed(3)} s`,
        );
        if (round === 0) continue;
        seconds.push(took);
        delivered.push(stats.count);
      }
      return [
        { name: 'fanout', value: percentile(seconds, 50), unit: 's', target: 2 },
        { name: 'fanout: webhooks', value: WEBHOOKS, unit: 'webhooks', target: null },
        { name: 'fanout: slowest of 3', value: Math.max(...seconds), unit: 's', target: null },
        {
          name: 'fanout: fewest deliveries of an event',
          value: Math.min(...delivered),
          unit: 'deliveries',
          target: null,
        },
      ];
    } finally {
      await deleteWebhooks(stack, ids);
      await publisher.disconnect();
      await receiver.stop();
    }
  },
};
