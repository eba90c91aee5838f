import { createKafka, EventProducer } from '@validity/platform/kafka';
import type { BenchScenario } from '../src/bench-scenario';
import type { BenchStack } from '../src/bench-stack';
import {
  BenchPublisher,
  createKnownWebhooks,
  deliveryWait,
  DISPATCH_TOPIC,
  rateOf,
  reportCreatedRecord,
  type RateResult,
} from '../src/dispatch-bench';
import { medianBurst } from '../src/median-burst';
import { startReceiver, type Receiver } from '../src/receiver';
import { deleteWebhooks, reportCreatedWebhook } from '../src/webhooks-admin';

const OBJECTS = 1_000;
const EVENTS = Number(process.env.BENCH_ORDERING_EVENTS ?? 10_000);
/** Rounds of the pair; the median round's ratio is reported (one burst each read 0.45 to 0.81 run to run). */
const ROUNDS = Number(process.env.BENCH_ORDERING_ROUNDS ?? 3);

/**
 * `ordering`: the same burst (EVENTS events over OBJECTS distinct objects, each object's events in a
 * row on its partition) to one webhook with the default `ordering: "unordered"`, then to one with
 * `"per_object"` (one delivery in flight per object, in event order); the ratio of their
 * deliveries/s is the price of order (issue 18: at least 0.5). ROUNDS such pairs, the two bursts of a
 * pair back to back so the machine's drift reaches both alike; the median pair's figures are reported.
 */
export const scenario: BenchScenario = {
  name: 'ordering',
  async run(stack, log) {
    const receiver = await startReceiver();
    const publisher = await BenchPublisher.connect(stack);
    const producer = await EventProducer.connect(
      createKafka(stack.kafkaBrokers, `bench-ordering-${process.pid}`),
    );
    try {
      const run = (label: string, ordering: string) =>
        measureOrdering(stack, publisher, producer, receiver, label, ordering, log);
      await run('ordering-warm-up', 'unordered');
      const pairs: Array<{ unordered: RateResult; ordered: RateResult; ratio: number }> = [];
      for (let round = 1; round <= ROUNDS; round += 1) {
        const unordered = await run(`unordered-${round}`, 'unordered');
        const ordered = await run(`per-object-${round}`, 'per_object');
        const ratio = unordered.rate > 0 ? ordered.rate / unordered.rate : 0;
        log(`  round ${round}: ordered-vs-unordered ${ratio.toFixed(2)}`);
        pairs.push({ unordered, ordered, ratio });
      }
      const { unordered, ordered, ratio } = medianBurst(pairs, (pair) => pair.ratio);
      return [
        {
          name: 'ordering: unordered',
          value: Math.round(unordered.rate),
          unit: 'deliveries/s',
          target: null,
        },
        { name: 'ordering: per_object', value: Math.round(ordered.rate), unit: 'deliveries/s', target: null },
        {
          name: 'ordered-vs-unordered',
          value: ratio,
          unit: 'ratio',
          target: 0.5,
          better: 'higher',
        },
        { name: 'ordering: objects', value: OBJECTS, unit: 'objects', target: null },
        { name: 'ordering: events', value: EVENTS, unit: 'events', target: null },
        { name: 'ordering: rounds', value: ROUNDS, unit: 'rounds', target: null },
      ];
    } finally {
      await producer.disconnect();
      await publisher.disconnect();
      await receiver.stop();
    }
  },
};

async function measureOrdering(
  stack: BenchStack,
  publisher: BenchPublisher,
  producer: EventProducer,
  receiver: Receiver,
  label: string,
  ordering: string,
  log: (line: string) => void,
): Promise<RateResult> {
  const body = {
    ...reportCreatedWebhook(`bench-${label}-${Date.now()}`, `${receiver.url}?${label}`),
    ordering,
  };
  const ids = await createKnownWebhooks(stack, publisher, receiver, [body], log);
  try {
    const perObject = Math.ceil(EVENTS / OBJECTS);
    for (let round = 0; round < perObject; round += 1) {
      const records = Array.from({ length: OBJECTS }, (_, index) => reportCreatedRecord(900_000 + index));
      await producer.send(
        DISPATCH_TOPIC,
        records.map((record) => record.message),
      );
    }
    const count = perObject * OBJECTS;
    const result = rateOf(await receiver.waitForCount(count, deliveryWait(count)));
    log(
      `  ${label}: ${result.delivered}/${count} in ${result.seconds.toFixed(2)} s = ${result.rate.toFixed(0)}/s`,
    );
    return result;
  } finally {
    await deleteWebhooks(stack, ids);
  }
}
