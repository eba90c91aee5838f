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
/** Unmeasured seconds at the same rate before the clock starts. */
const WARM_UP_SECONDS = 10;

/**
 * `latency`: one-result compliance runs posted through the gateway at 200/s (open loop) for SECONDS
 * seconds with one matching webhook → from sending each POST to the receiver (a separate process)
 * getting that report's `created` event: p50 and p99. Both ends are stamped on `sharedNow()`, one clock
 * for the two processes. Timed from the send, not from the 201: the relay publishes at commit, so on a
 * busy machine the event often reached the receiver before this process had read its 201 (which made
 * "201 to receipt" negative for most runs even on one clock). The runs of a warm-up at the same rate
 * are posted and delivered first, unmeasured but counted in "not created".
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
      // Like every other scenario, a warm-up at the measured rate first: a fresh stack's first seconds
      // (JIT, pools, caches, statistics of tables that were empty) read p50 ~48 ms against ~15 after them.
      const warmUp = await openLoop(api, test, WARM_UP_SECONDS);
      await receiver.waitForCount(warmUp.created.size, { timeoutMs: 60_000, stallMs: 10_000 });
      const processes = await measureProcessCpu(await processTrees(stack, receiver));
      const measured = await openLoop(api, test, SECONDS);
      const { created: postedAt, answerMillis } = measured;
      const skipped = warmUp.skipped + measured.skipped;
      const failed = warmUp.failed + measured.failed;
      log(
        `  latency: ${warmUp.created.size} reports created in a ${WARM_UP_SECONDS} s warm-up, then ${postedAt.size} in ${measured.seconds.toFixed(1)} s (${skipped} skipped at ${MAX_IN_FLIGHT} in flight, ${failed} failed)`,
      );
      await receiver.waitForCount(warmUp.created.size + postedAt.size, {
        timeoutMs: 60_000,
        stallMs: 10_000,
      });
      const latencies: number[] = [];
      const warmUpLatencies: number[] = [];
      for (const [id, at] of await receiver.arrivals()) {
        const posted = postedAt.get(id);
        if (posted !== undefined) latencies.push(at - posted);
        const warming = warmUp.created.get(id);
        if (warming !== undefined) warmUpLatencies.push(at - warming);
      }
      log(`  latency: ${latencies.length} of ${postedAt.size} deliveries matched to their POST`);
      // Where a run's CPU goes on the way: on two cores, queueing behind it is most of the latency.
      const cost = costPerDelivery(await processes.stop(), latencies.length);
      log(`    CPU per run: ${cost.line}`);
      if (latencies.length === 0) throw new Error('latency: no delivery arrived');
      const { p50, p99 } = summariseLatencies(latencies);
      const cold = summariseLatencies(warmUpLatencies);
      return [
        { name: 'latency-p50', value: p50, unit: 'ms', target: 15 },
        { name: 'latency-p99', value: p99, unit: 'ms', target: 50 },
        { name: 'latency: deliveries timed', value: latencies.length, unit: 'deliveries', target: null },
        // Shown, not judged: how a fresh (or, in the whole bench, just-used) stack starts.
        { name: 'latency: warm-up p50', value: cold.p50, unit: 'ms', target: null },
        { name: 'latency: warm-up p99', value: cold.p99, unit: 'ms', target: null },
        { name: 'latency: POST to 201, p50', value: percentile(answerMillis, 50), unit: 'ms', target: null },
        { name: 'latency: POST to 201, p99', value: percentile(answerMillis, 99), unit: 'ms', target: null },
        {
          // Every process on the way, the receiver included: at 200 runs/s a run's CPU decides how much
          // of the machine is left, and so how long each stage queues for a core.
          name: 'latency: CPU per run, all processes',
          value: cost.allMicros,
          unit: 'µs',
          target: null,
        },
        {
          // The "none skipped": every run of the open loop must be created.
          name: 'latency: reports not created',
          value: skipped + failed,
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

interface OpenLoop {
  /** Each created report's id → when its POST was sent (`sharedNow()`). */
  created: Map<number, number>;
  /** Each created run's POST → 201, to tell the creation's share of the latency from the delivery's. */
  answerMillis: number[];
  skipped: number;
  failed: number;
  seconds: number;
}

/** Posts one-result runs at `RATE_PER_SECOND` for `seconds` (open loop) and waits for every answer. */
async function openLoop(api: ValidityApi, test: number, seconds: number): Promise<OpenLoop> {
  const loop: OpenLoop = { created: new Map(), answerMillis: [], skipped: 0, failed: 0, seconds: 0 };
  let inFlight = 0;
  const posts: Array<Promise<void>> = [];
  const started = performance.now();
  for (let index = 0; index < RATE_PER_SECOND * seconds; index += 1) {
    const due = started + (index * 1000) / RATE_PER_SECOND;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    if (inFlight >= MAX_IN_FLIGHT) {
      loop.skipped += 1;
      continue;
    }
    inFlight += 1;
    const sentAt = sharedNow();
    posts.push(
      api
        .postRun(runBody([test], 1, index), 1)
        .then((answer) => {
          loop.created.set(answer.body.id, sentAt);
          loop.answerMillis.push(answer.millis);
        })
        .catch(() => void (loop.failed += 1))
        .finally(() => void (inFlight -= 1)),
    );
  }
  await Promise.all(posts);
  loop.seconds = (performance.now() - started) / 1000;
  return loop;
}
