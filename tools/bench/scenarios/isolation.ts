import type { BenchScenario } from '../src/bench-scenario';
import {
  BenchPublisher,
  createKnownWebhooks,
  measureDispatch,
  measureDispatchMedian,
} from '../src/dispatch-bench';
import { startReceiver } from '../src/receiver';
import { deleteWebhooks, reportCreatedWebhook } from '../src/webhooks-admin';

const EVENTS = Number(process.env.BENCH_ISOLATION_EVENTS ?? 10_000);
/** Bursts of about two seconds each: the median of three, not one, is compared. */
const ROUNDS = Number(process.env.BENCH_ISOLATION_ROUNDS ?? 3);
const SLOW_MS = 5_000;
/** A receiver that never answers: the webhook's own 2 s timeout ends each request. */
const NEVER_MS = 3_600_000;
const HUNG_TIMEOUT_SECONDS = 2;

/**
 * `isolation`: the plain dispatch rate at EVENTS events, then the same again with a second matching
 * webhook whose receiver (another process) answers after 5 s: the fast webhook's rate and its ratio
 * to the plain rate; and again beside a webhook whose receiver never answers (its requests end at the
 * webhook's 2 s timeout, and its circuit opens).
 */
export const scenario: BenchScenario = {
  name: 'isolation',
  async run(stack, log) {
    const fast = await startReceiver();
    const slow = await startReceiver({ delayMs: SLOW_MS });
    const hung = await startReceiver({ delayMs: NEVER_MS });
    const publisher = await BenchPublisher.connect(stack);
    let slowIds: number[] = [];
    let hungIds: number[] = [];
    try {
      // The first burst after start-up runs slower (JIT, connections, caches): not the one compared.
      await measureDispatch(stack, publisher, fast, Math.min(EVENTS, 2_000), 'isolation-warm-up', log);
      const plain = await measureDispatchMedian(
        stack,
        publisher,
        fast,
        EVENTS,
        'isolation-plain',
        log,
        ROUNDS,
      );
      slowIds = await createKnownWebhooks(
        stack,
        publisher,
        slow,
        [reportCreatedWebhook(`bench-isolation-slow-${Date.now()}`, `${slow.url}?slow`)],
        log,
      );
      const beside = await measureDispatchMedian(
        stack,
        publisher,
        fast,
        EVENTS,
        'isolation-beside-slow',
        log,
        ROUNDS,
      );
      log(`  isolation: the slow webhook received ${(await slow.stats()).count} requests meanwhile`);
      await deleteWebhooks(stack, slowIds);
      slowIds = [];
      hungIds = await createKnownWebhooks(
        stack,
        publisher,
        hung,
        [
          {
            ...reportCreatedWebhook(`bench-isolation-hung-${Date.now()}`, `${hung.url}?hung`),
            timeout: HUNG_TIMEOUT_SECONDS,
          },
        ],
        log,
      );
      const besideHung = await measureDispatchMedian(
        stack,
        publisher,
        fast,
        EVENTS,
        'isolation-beside-hung',
        log,
        ROUNDS,
      );
      log(`  isolation: the hung webhook received ${(await hung.stats()).count} requests meanwhile`);
      return [
        {
          name: 'isolation: plain dispatch',
          value: Math.round(plain.rate),
          unit: 'deliveries/s',
          target: null,
        },
        {
          name: 'isolation: fast webhook beside a 5 s one',
          value: Math.round(beside.rate),
          unit: 'deliveries/s',
          target: null,
        },
        {
          name: 'isolation',
          value: plain.rate > 0 ? beside.rate / plain.rate : 0,
          unit: 'ratio',
          target: 0.9,
          better: 'higher',
        },
        {
          name: 'isolation: fast webhook beside one that never answers',
          value: Math.round(besideHung.rate),
          unit: 'deliveries/s',
          target: null,
        },
        {
          name: 'isolation (never answers)',
          value: plain.rate > 0 ? besideHung.rate / plain.rate : 0,
          unit: 'ratio',
          target: 0.9,
          better: 'higher',
        },
      ];
    } finally {
      await deleteWebhooks(stack, [...slowIds, ...hungIds]);
      await publisher.disconnect();
      await Promise.all([fast.stop(), slow.stop(), hung.stop()]);
    }
  },
};
