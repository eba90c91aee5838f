import { performance } from 'node:perf_hooks';
import type { BenchScenario } from '../src/bench-scenario';
import { BenchPublisher, costPerDelivery, createKnownWebhooks, processTrees } from '../src/dispatch-bench';
import { summariseLatencies } from '../src/latency-summary';
import { percentile } from '../src/percentile';
import { startReceiver } from '../src/receiver';
import { measureProcessCpu } from '../src/stack-cost';
import { sharedNow } from '../src/shared-clock';
import { runBody, ValidityApi } from '../src/validity-api';
import { deleteWebhooks, reportCreatedWebhook } from '../src/webhooks-admin';

const RATE_PER_SECOND = 200;
const SECONDS = Number(process.env.BENCH_LATENCY_SECONDS ?? 30);
/** Requests allowed to be waiting at once; a send slot finding this many skips (counted). */
const MAX_IN_FLIGHT = 100;

/**
 * `latency`: one-result compliance runs posted through the gateway at 200/s (open loop) for SECONDS
 * seconds with one matching webhook → from sending each POST to the receiver (a separate process)
 * getting that report's `created` event: p50 and p99. Both ends are stamped on `sharedNow()`, one clock
 * for the two processes. Timed from the send, not from the 201: the relay publishes at commit, so on a
 * busy machine the event often reached the receiver before this process had read its 201 (which made
 * "201 to receipt" negative for most runs even on one clock).
 */
export const scenario: BenchScenario = {
  name: 'latency',
  async run(stack, log) {
    const api = new ValidityApi(stack);
    const [test] = await api.createTests(`latency-${Date.now()}`, 1);
    const receiver = await startReceiver({ recordIds: true });
    const publisher = await BenchPublisher.connect(stack);
    let ids: number[] = [];
    try {
      ids = await createKnownWebhooks(
        stack,
        publisher,
        receiver,
        [reportCreatedWebhook(`bench-latency-${Date.now()}`, `${receiver.url}?latency`)],
        log,
      );
      const postedAt = new Map<number, number>();
      let inFlight = 0;
      let skipped = 0;
      let failed = 0;
      /** Each created run's POST → 201, to tell the creation's share of the latency from the delivery's. */
      const answerMillis: number[] = [];
      const posts: Array<Promise<void>> = [];
      const total = RATE_PER_SECOND * SECONDS;
      const processes = await measureProcessCpu(await processTrees(stack, receiver));
      const started = performance.now();
      for (let index = 0; index < total; index += 1) {
        const due = started + (index * 1000) / RATE_PER_SECOND;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        if (inFlight >= MAX_IN_FLIGHT) {
          skipped += 1;
          continue;
        }
        inFlight += 1;
        const sentAt = sharedNow();
        posts.push(
          api
            .postRun(runBody([test], 1, index), 1)
            .then((answer) => {
              postedAt.set(answer.body.id, sentAt);
              answerMillis.push(answer.millis);
            })
            .catch(() => void (failed += 1))
            .finally(() => void (inFlight -= 1)),
        );
      }
      await Promise.all(posts);
      const sendSeconds = (performance.now() - started) / 1000;
      log(
        `  latency: ${postedAt.size} reports created in ${sendSeconds.toFixed(1)} s (${skipped} skipped at ${MAX_IN_FLIGHT} in flight, ${failed} failed)`,
      );
      await receiver.waitForCount(postedAt.size, { timeoutMs: 60_000, stallMs: 10_000 });
      const latencies: number[] = [];
      for (const [id, at] of await receiver.arrivals()) {
        const posted = postedAt.get(id);
        if (posted !== undefined) latencies.push(at - posted);
      }
      log(`  latency: ${latencies.length} of ${postedAt.size} deliveries matched to their POST`);
      // Where a run's CPU goes on the way: on two cores, queueing behind it is most of the latency.
      log(`    CPU per run: ${costPerDelivery(await processes.stop(), latencies.length).line}`);
      if (latencies.length === 0) throw new Error('latency: no delivery arrived');
      const { p50, p99 } = summariseLatencies(latencies);
      return [
        { name: 'latency-p50', value: p50, unit: 'ms', target: 15 },
        { name: 'latency-p99', value: p99, unit: 'ms', target: 50 },
        { name: 'latency: deliveries timed', value: latencies.length, unit: 'deliveries', target: null },
        { name: 'latency: POST to 201, p50', value: percentile(answerMillis, 50), unit: 'ms', target: null },
        { name: 'latency: POST to 201, p99', value: percentile(answerMillis, 99), unit: 'ms', target: null },
        {
          // The "none skipped": every run of the open loop must be created.
          name: 'latency: reports not created',
          value: total - postedAt.size,
          unit: 'reports',
          target: 0,
        },
        {
          name: 'latency: reports created per second',
          // Per second of the open loop, not of the wait for its last answers: every run created reads 200.
          value: postedAt.size / SECONDS,
          unit: 'reports/s',
          target: RATE_PER_SECOND,
          better: 'higher',
        },
      ];
    } finally {
      await deleteWebhooks(stack, ids);
      await publisher.disconnect();
      await receiver.stop();
    }
  },
};
