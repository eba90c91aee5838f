import { performance } from 'node:perf_hooks';
import type { Admin, Kafka } from 'kafkajs';
import { Pool } from 'undici';
import { encodeEnvelope, type EncodedEnvelope, type NetBoxEnvelope } from '@validity/contracts';
import { createKafka, EventProducer } from '@validity/platform/kafka';
import type { BenchStack } from './bench-stack';
import { cpuMicros, pidListeningOn } from './process-memory';
import { measureProcessCpu } from './stack-cost';
import type { Receiver, ReceiverStats } from './receiver';
import { createWebhooks, deleteWebhooks, reportCreatedWebhook } from './webhooks-admin';

export const DISPATCH_TOPIC = 'validity.compliancereport.created';
/** The dispatcher's `DELIVERY_CONCURRENCY_PER_WEBHOOK` default (apps/dispatcher/src/config.ts). */
export const CONCURRENCY_PER_WEBHOOK = 10;

/** Object ids never repeat within a run, so every event (and its `data.id`) is unique. */
let nextObjectId = 1_000_000;

/**
 * A `validity.compliancereport.created` record shaped like the NetBox 3.6 fixture, with a fresh id;
 * `paddingBytes` adds a custom field of that many characters (for body-size runs).
 */
export function reportCreatedRecord(objectId = nextObjectId++, paddingBytes = 0): EncodedEnvelope {
  const envelope: NetBoxEnvelope = {
    event: 'created',
    timestamp: '2024-01-10T08:15:02.401177+00:00',
    model: 'compliancereport',
    username: 'admin',
    request_id: '3f0c4b0e-2f6a-4c52-9d1e-6a2f0b7d9c11',
    data: {
      id: objectId,
      url: `/api/plugins/validity/reports/${objectId}/`,
      display: `report-${objectId}`,
      device_count: 2,
      test_count: 4,
      total_passed: 6,
      total_count: 8,
      low_passed: 1,
      low_count: 1,
      middle_passed: 5,
      middle_count: 6,
      high_passed: 0,
      high_count: 1,
      results_url: `/api/plugins/validity/test-results/?report_id=${objectId}`,
      custom_fields: paddingBytes > 0 ? { padding: 'x'.repeat(paddingBytes) } : {},
      created: '2024-01-10T08:14:58.120344Z',
      last_updated: '2024-01-10T08:14:58.120370Z',
    },
    snapshots: {
      prechange: null,
      postchange: {
        created: '2024-01-10T08:14:58.120Z',
        last_updated: '2024-01-10T08:14:58.120Z',
        custom_fields: {},
      },
    },
  };
  return encodeEnvelope(envelope, { objectType: 'validity.compliancereport', objectId });
}

/** A producer on the bench stack's broker, as the services publish (idempotent, acks=all). */
export class BenchPublisher {
  private constructor(
    readonly kafka: Kafka,
    private readonly producer: EventProducer,
  ) {}

  static async connect(stack: BenchStack): Promise<BenchPublisher> {
    const kafka = createKafka(stack.kafkaBrokers, `bench-${process.pid}`);
    return new BenchPublisher(kafka, await EventProducer.connect(kafka));
  }

  /**
   * Publishes `count` fresh events in requests of 2,000, or, with padding, of at most about 900 kB (the
   * broker refuses record batches over 1 MiB); returns the value size of one in bytes.
   */
  async publish(count: number, paddingBytes = 0, topic = DISPATCH_TOPIC): Promise<number> {
    let bytes = 0;
    const perRequest = paddingBytes === 0 ? 2_000 : Math.max(1, Math.floor(900_000 / (paddingBytes + 1_000)));
    for (let sent = 0; sent < count; sent += perRequest) {
      const records = Array.from({ length: Math.min(perRequest, count - sent) }, () =>
        reportCreatedRecord(undefined, paddingBytes),
      );
      bytes = records[0].message.value?.length ?? 0;
      await this.producer.send(
        topic,
        records.map((record) => record.message),
      );
    }
    return bytes;
  }

  /**
   * Another publisher on the same client settings with a producer of its own: a producer keeps every
   * topic it ever sent to in its metadata, so one that published to a topic deleted since fails on its
   * next send.
   */
  async sibling(): Promise<BenchPublisher> {
    return new BenchPublisher(this.kafka, await EventProducer.connect(this.kafka));
  }

  /** How many partitions the dispatcher's topic has. */
  async dispatchPartitions(): Promise<number> {
    return this.withAdmin(async (admin) => (await admin.fetchTopicOffsets(DISPATCH_TOPIC)).length);
  }

  /** A new topic with as many partitions as the dispatcher's; deleted when `use` ends. */
  async withTopicLikeDispatch<T>(
    name: string,
    use: (topic: string, partitions: number) => Promise<T>,
  ): Promise<T> {
    const partitions = await this.dispatchPartitions();
    await this.withAdmin((admin) =>
      admin.createTopics({ waitForLeaders: true, topics: [{ topic: name, numPartitions: partitions }] }),
    );
    try {
      return await use(name, partitions);
    } finally {
      await this.withAdmin((admin) => admin.deleteTopics({ topics: [name] }));
    }
  }

  private async withAdmin<T>(use: (admin: Admin) => Promise<T>): Promise<T> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      return await use(admin);
    } finally {
      await admin.disconnect();
    }
  }

  disconnect(): Promise<void> {
    return this.producer.disconnect();
  }
}

/**
 * Creates matching webhooks and waits until the dispatcher delivers a probe event to all of them
 * (it learns webhooks from a topic, asynchronously). Returns the ids; deletes them if it gives up.
 */
export async function createKnownWebhooks(
  stack: BenchStack,
  publisher: BenchPublisher,
  receiver: Receiver,
  bodies: ReadonlyArray<Record<string, unknown>>,
  log: (line: string) => void,
): Promise<number[]> {
  const ids = await createWebhooks(stack, bodies);
  try {
    for (let probe = 1; probe <= 30; probe += 1) {
      await receiver.reset();
      await publisher.publish(1);
      const stats = await receiver.waitForCount(bodies.length, {
        timeoutMs: Math.max(5_000, bodies.length * 20),
        stallMs: 3_000,
      });
      if (stats.count >= bodies.length) {
        // Earlier probes may still be on their way: let them land, then start from zero.
        await new Promise((resolve) => setTimeout(resolve, 500));
        await receiver.reset();
        return ids;
      }
      log(`  probe ${probe}: ${stats.count} of ${bodies.length} webhooks known yet`);
    }
    throw new Error(`the dispatcher did not learn ${bodies.length} webhooks within 30 probes`);
  } catch (error) {
    await deleteWebhooks(stack, ids);
    throw error;
  }
}

export interface RateResult {
  delivered: number;
  seconds: number;
  /** Deliveries per second from the first delivery received to the last. */
  rate: number;
}

export function rateOf(stats: ReceiverStats): RateResult {
  const seconds = stats.firstAt !== null && stats.lastAt !== null ? (stats.lastAt - stats.firstAt) / 1000 : 0;
  return { delivered: stats.count, seconds, rate: seconds > 0 ? (stats.count - 1) / seconds : 0 };
}

/** Waiting for `count` deliveries: generous, and bounded by a stall of 20 s without progress. */
export function deliveryWait(count: number): { timeoutMs: number; stallMs: number } {
  return { timeoutMs: Math.max(60_000, count * 10), stallMs: 20_000 };
}

/**
 * One webhook on `receiver`, `count` events published as a burst once the dispatcher knows it: the
 * dispatcher's deliveries/s, and the CPU time the dispatcher process used per delivery from the
 * publish to the last receipt (everything it did for them: consume, store, claim, send, record). The
 * webhook is deleted afterwards.
 */
export async function measureDispatch(
  stack: BenchStack,
  publisher: BenchPublisher,
  receiver: Receiver,
  count: number,
  label: string,
  log: (line: string) => void,
): Promise<
  RateResult & {
    payloadBytes: number;
    cpuMicrosPerDelivery: number;
    /** CPU of the whole stack (services, Kafka, PostgreSQL), the receiver and this process, per delivery. */
    stackCpuMicrosPerDelivery: number;
  }
> {
  const ids = await createKnownWebhooks(
    stack,
    publisher,
    receiver,
    [reportCreatedWebhook(`bench-${label}-${Date.now()}`, `${receiver.url}?${label}`)],
    log,
  );
  try {
    const dispatcherPid = await pidListeningOn(stack.dispatcherPort);
    const processes = await measureProcessCpu(await processTrees(stack, receiver));
    const benchCpuBefore = process.cpuUsage();
    const cpuBefore = await cpuMicros(dispatcherPid);
    const payloadBytes = await publisher.publish(count);
    const result = rateOf(await receiver.waitForCount(count, deliveryWait(count)));
    const cpuMicrosPerDelivery =
      result.delivered > 0 ? ((await cpuMicros(dispatcherPid)) - cpuBefore) / result.delivered : 0;
    const benchCpu = process.cpuUsage(benchCpuBefore);
    const cpuMs = await processes.stop();
    cpuMs.set('bench (producer, receiver polls)', (benchCpu.user + benchCpu.system) / 1000);
    const cost = costPerDelivery(cpuMs, result.delivered);
    const stackCpuMicrosPerDelivery = cost.allMicros;
    log(
      `  ${label}: ${result.delivered}/${count} delivered in ${result.seconds.toFixed(2)} s = ${result.rate.toFixed(0)}/s, dispatcher CPU ${cpuMicrosPerDelivery.toFixed(0)} µs/delivery`,
    );
    log(`    CPU per delivery: ${cost.line}`);
    return { ...result, payloadBytes, cpuMicrosPerDelivery, stackCpuMicrosPerDelivery };
  } finally {
    await deleteWebhooks(stack, ids);
  }
}

/** ms of CPU by process over a phase, per delivery: the total in µs and a log line naming each process. */
export function costPerDelivery(
  cpuMs: ReadonlyMap<string, number>,
  delivered: number,
): { allMicros: number; line: string } {
  const perDelivery = (ms: number) => (delivered > 0 ? (ms * 1000) / delivered : 0);
  const allMicros = perDelivery([...cpuMs.values()].reduce((sum, ms) => sum + ms, 0));
  const parts = [...cpuMs].map(([name, ms]) => `${name} ${perDelivery(ms).toFixed(0)} µs`);
  return { allMicros, line: `${parts.join(', ')}; all ${allMicros.toFixed(0)} µs` };
}

/** The stack's processes by name (PostgreSQL with its backends) and the receiver, by root pid. */
export async function processTrees(stack: BenchStack, receiver: Receiver): Promise<Map<string, number>> {
  const trees = new Map<string, number>();
  for (const [name, port] of Object.entries(stack.portsByProcess)) {
    const pid = await pidListeningOn(port).catch(() => undefined);
    if (pid !== undefined) trees.set(name, pid);
  }
  if (receiver.pid !== undefined) trees.set('receiver', receiver.pid);
  return trees;
}

/**
 * The floor: a bare kafkajs consumer (new group, eachBatch) on a topic of its own, POSTing each value
 * to `receiver` with an undici Pool, at most `concurrency` in flight, nothing stored, no matching.
 * Once it has joined, `events` fresh records are published to that topic, as the dispatch phase
 * publishes its burst while the dispatcher runs: both sides pay for producing what they deliver.
 * Deliveries/s as the receiver saw them.
 */
export async function measureFloor(
  publisher: BenchPublisher,
  receiver: Receiver,
  burst: { events: number; paddingBytes?: number },
  concurrency: number,
  log: (line: string) => void,
  /** POSTs per record, as to this many webhooks (distinct query strings). */
  copies = 1,
): Promise<RateResult> {
  const expected = copies * burst.events;
  const target = new URL(receiver.url);
  return publisher.withTopicLikeDispatch(`bench.floor.${Date.now()}`, async (topic, partitions) => {
    const producer = await publisher.sibling();
    const pool = new Pool(target.origin, { connections: concurrency, pipelining: 1 });
    const consumer = publisher.kafka.consumer({
      groupId: `bench-floor-${Date.now()}`,
      maxBytes: 10 * 1024 * 1024,
    });
    let inFlight = 0;
    const waiting: Array<() => void> = [];
    const release = () => {
      inFlight -= 1;
      waiting.shift()?.();
    };
    const acquire = async () => {
      while (inFlight >= concurrency) await new Promise<void>((resolve) => waiting.push(resolve));
      inFlight += 1;
    };
    const post = async (value: Buffer, copy: number) => {
      try {
        const answer = await pool.request({
          path: `${target.pathname}?floor=${copy}`,
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: value,
          headersTimeout: 10_000,
          bodyTimeout: 10_000,
        });
        await answer.body.dump();
      } finally {
        release();
      }
    };
    const started = performance.now();
    try {
      await receiver.reset();
      const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({
        partitionsConsumedConcurrently: partitions,
        eachBatch: async ({ batch, resolveOffset, heartbeat }) => {
          const posts: Array<Promise<void>> = [];
          for (const message of batch.messages) {
            if (!message.value) continue;
            for (let copy = 0; copy < copies; copy += 1) {
              await acquire();
              posts.push(post(message.value, copy));
            }
          }
          await Promise.all(posts);
          resolveOffset(batch.lastOffset());
          await heartbeat();
        },
      });
      await joined;
      await producer.publish(burst.events, burst.paddingBytes ?? 0, topic);
      const result = rateOf(await receiver.waitForCount(expected, deliveryWait(expected)));
      log(
        `  floor: ${result.delivered}/${expected} delivered in ${result.seconds.toFixed(2)} s = ${result.rate.toFixed(0)}/s (${((performance.now() - started) / 1000).toFixed(1)} s with group join)`,
      );
      return result;
    } finally {
      await consumer.disconnect();
      await producer.disconnect();
      await pool.close();
    }
  });
}
