import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BenchScenario, Measurement } from '../src/bench-scenario';
import type { BenchStack } from '../src/bench-stack';
import {
  BenchPublisher,
  CONCURRENCY_PER_WEBHOOK,
  createKnownWebhooks,
  deliveryWait,
  measureFloor,
  rateOf,
  type RateResult,
} from '../src/dispatch-bench';
import { startExtraDispatcher } from '../src/extra-dispatcher';
import { startReceiver, type Receiver } from '../src/receiver';
import { lineChart } from '../src/svg-chart';
import { deleteWebhooks, reportCreatedWebhook } from '../src/webhooks-admin';

const docsDir = join(__dirname, '..', '..', '..', 'docs');
/** Deliveries per measured point (events x webhooks), so every point costs about the same. */
const DELIVERIES = Number(process.env.BENCH_SCALING_DELIVERIES ?? 10_000);
const WEBHOOK_COUNTS = [1, 10, 100, 1_000];
/** 1 KiB, 64 KiB and 1 MB of padding: Kafka's default record limit (1 MiB) leaves room for the envelope. */
const BODY_SIZES: ReadonlyArray<[label: string, paddingBytes: number]> = [
  ['1 KiB', 1_024],
  ['64 KiB', 65_536],
  ['1 MB', 1_000_000],
];
/** The dispatcher's `DELIVERY_CONCURRENCY` default: the floor gets the same total. */
const TOTAL_CONCURRENCY = 200;

interface Point {
  dispatch: RateResult;
  floor: RateResult;
}

/**
 * `scaling`: how deliveries/s grow with load, each point beside the floor measured right after it on
 * the same records (a bare kafkajs consumer POSTing each record once per webhook with undici at the
 * dispatcher's concurrency): against matching webhooks (1, 10, 100, 1,000), body size (1 KiB, 64 KiB,
 * 1 MB, one webhook) and dispatcher instances (1, 2, one webhook). Writes the three plots to
 * `docs/performance-*.svg`.
 */
export const scenario: BenchScenario = {
  name: 'scaling',
  async run(stack, log) {
    const receiver = await startReceiver();
    const publisher = await BenchPublisher.connect(stack);
    const results: Measurement[] = [];
    try {
      const byWebhooks: Point[] = [];
      for (const webhooks of WEBHOOK_COUNTS) {
        byWebhooks.push(
          await measurePoint(stack, publisher, receiver, webhooks, 0, `webhooks-${webhooks}`, log),
        );
      }
      const bySize: Point[] = [];
      for (const [label, padding] of BODY_SIZES) {
        bySize.push(await measurePoint(stack, publisher, receiver, 1, padding, `body-${label}`, log));
      }
      const byInstances: Point[] = [byWebhooks[0]];
      const second = await startExtraDispatcher(stack, stack.dispatcherPort + 10);
      try {
        byInstances.push(await measurePoint(stack, publisher, receiver, 1, 0, 'instances-2', log));
      } finally {
        await second.stop();
      }

      const series = [
        ['webhooks', WEBHOOK_COUNTS.map(String), byWebhooks],
        ['body size', BODY_SIZES.map(([label]) => label), bySize],
        ['dispatcher instances', ['1', '2'], byInstances],
      ] as const;
      for (const [axis, categories, points] of series) {
        points.forEach((point, index) => {
          const name = `scaling ${axis} ${categories[index]}`;
          results.push(
            {
              name: `${name}: dispatch`,
              value: Math.round(point.dispatch.rate),
              unit: 'deliveries/s',
              target: null,
            },
            {
              name: `${name}: floor`,
              value: Math.round(point.floor.rate),
              unit: 'deliveries/s',
              target: null,
            },
            {
              name: `${name}: vs floor`,
              value: point.floor.rate > 0 ? point.dispatch.rate / point.floor.rate : 0,
              unit: 'ratio',
              target: null,
            },
          );
        });
        await writeFile(
          join(docsDir, `performance-${axis.replace(/ /g, '-')}.svg`),
          lineChart({
            title: `Deliveries/s by ${axis} (bench, same run)`,
            xLabel: axis,
            yLabel: 'deliveries/s',
            categories,
            series: [
              { name: 'dispatcher', values: points.map((point) => point.dispatch.rate), color: '#d62728' },
              { name: 'floor', values: points.map((point) => point.floor.rate), color: '#1f77b4' },
            ],
          }),
        );
      }
      return results;
    } finally {
      await publisher.disconnect();
      await receiver.stop();
    }
  },
};

/** One point: `webhooks` matching webhooks, DELIVERIES / webhooks events; the dispatcher, then the floor. */
async function measurePoint(
  stack: BenchStack,
  publisher: BenchPublisher,
  receiver: Receiver,
  webhooks: number,
  paddingBytes: number,
  label: string,
  log: (line: string) => void,
): Promise<Point> {
  const events = Math.max(
    1,
    Math.round(
      (paddingBytes >= 1_000_000 ? DELIVERIES / 20 : paddingBytes >= 65_536 ? DELIVERIES / 4 : DELIVERIES) /
        webhooks,
    ),
  );
  const expected = events * webhooks;
  const tag = `${label}-${Date.now()}`;
  const ids = await createKnownWebhooks(
    stack,
    publisher,
    receiver,
    Array.from({ length: webhooks }, (_, index) =>
      reportCreatedWebhook(`bench-scaling-${tag}-${index}`, `${receiver.url}?scaling=${tag}-${index}`),
    ),
    log,
  );
  let dispatch: RateResult;
  try {
    await publisher.publish(events, paddingBytes);
    dispatch = rateOf(await receiver.waitForCount(expected, deliveryWait(expected)));
  } finally {
    await deleteWebhooks(stack, ids);
  }
  const concurrency = Math.min(TOTAL_CONCURRENCY, CONCURRENCY_PER_WEBHOOK * webhooks);
  const floor = await measureFloor(publisher, receiver, { events, paddingBytes }, concurrency, log, webhooks);
  log(
    `  scaling ${label}: ${events} events x ${webhooks} webhooks: dispatch ${dispatch.rate.toFixed(0)}/s (${dispatch.delivered}/${expected}), floor ${floor.rate.toFixed(0)}/s`,
  );
  return { dispatch, floor };
}
