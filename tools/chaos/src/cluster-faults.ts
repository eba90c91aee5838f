import { Kafka, logLevel } from 'kafkajs';
import { ensureTopics } from '@validity/platform/kafka';
import type { ChaosStack } from './chaos-stack';
import { COMPLIANCE_REPORT_CREATED, type Fault, type FaultCheck } from './faults';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A topic of the chaos run's own, so the probe's records never reach the dispatcher. */
const PROBE_TOPIC = 'chaos.acks-all-probe';
/** The probe's send must fail inside this; a send that hangs longer counts as not loud enough. */
const PROBE_TIMEOUT_MS = 30_000;
const RESUME_DEADLINE_MS = 180_000;

function probeKafka(stack: ChaosStack): Kafka {
  return new Kafka({
    clientId: 'chaos-acks-all-probe',
    brokers: stack.kafkaBrokers.split(','),
    logLevel: logLevel.NOTHING,
    connectionTimeout: 3_000,
    requestTimeout: 10_000,
    retry: { retries: 2, initialRetryTime: 300 },
  });
}

/**
 * The probe's own topic, with the brokers' defaults (3 replicas, min.insync.replicas 2). Through
 * `ensureTopics`, whose wait for leaders takes "This server does not host this topic-partition" from a
 * broker that has not heard of the new topic yet as "not yet": kafkajs's `waitForLeaders` failed on it.
 */
async function createProbeTopic(stack: ChaosStack): Promise<void> {
  await ensureTopics(stack.kafkaBrokers, [
    { name: PROBE_TOPIC, partitions: 1, cleanupPolicy: 'delete', producer: 'dispatcher', public: false },
  ]);
}

/** One acks=all write, as the services' producers send them: resolves with the error, or null on success. */
async function probeWrite(stack: ChaosStack): Promise<string | null> {
  const producer = probeKafka(stack).producer({ allowAutoTopicCreation: false });
  const attempt = (async () => {
    await producer.connect();
    await producer.send({ topic: PROBE_TOPIC, acks: -1, messages: [{ value: new Date().toISOString() }] });
  })();
  const timeout = sleep(PROBE_TIMEOUT_MS).then(() => {
    throw new Error(`no answer in ${PROBE_TIMEOUT_MS / 1_000} s`);
  });
  try {
    await Promise.race([attempt, timeout]);
    return null;
  } catch (error) {
    return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  } finally {
    attempt.catch(() => undefined);
    await producer.disconnect().catch(() => undefined);
  }
}

/**
 * Faults of the three-broker cluster (RF 3, min.insync.replicas 2, acks=all): the leader of the events'
 * partition 0 is killed with SIGKILL mid-stream; then that leader and a second broker, which must make
 * acks=all writes fail (not succeed with one copy) until the second broker is back.
 */
export const CLUSTER_FAULTS: readonly Fault[] = [
  {
    name: 'kafka-leader-sigkill',
    stack: 'cluster',
    fullOnly: true,
    action: (timing) =>
      `\`kill -9\` of the broker leading partition 0 of \`${COMPLIANCE_REPORT_CREATED}\` (one of three), restarted after ${timing.brokerDownS} s`,
    async inject({ stack, timing, log }) {
      const leader = await stack.kafkaLeaderIndex(COMPLIANCE_REPORT_CREATED, 0);
      log(`killing Kafka node ${leader + 1}, the partition leader`);
      await stack.killKafkaNode(leader);
      await sleep(timing.brokerDownS * 1_000);
      await stack.startKafkaNode(leader);
    },
  },
  {
    name: 'kafka-two-brokers-sigkill',
    stack: 'cluster',
    fullOnly: true,
    action: (timing) =>
      `\`kill -9\` of the partition leader, then of a second broker (one of three left, below min.insync.replicas); an acks=all write must fail, and succeed again once the second broker is back after ${timing.brokerDownS} s`,
    async inject({ stack, timing, log }): Promise<() => Promise<FaultCheck>> {
      await createProbeTopic(stack);
      const leader = await stack.kafkaLeaderIndex(COMPLIANCE_REPORT_CREATED, 0);
      const second = (leader + 1) % 3;
      log(`killing Kafka node ${leader + 1} (the leader), then node ${second + 1}`);
      await stack.killKafkaNode(leader);
      await sleep(2_000);
      await stack.killKafkaNode(second);
      const downSince = Date.now();
      const rejected = await probeWrite(stack);
      log(`acks=all write with one broker of three: ${rejected ?? 'ACCEPTED'}`);
      await sleep(Math.max(0, timing.brokerDownS * 1_000 - (Date.now() - downSince)));
      await stack.startKafkaNode(second);
      const backAt = Date.now();
      let resumedAfterS: number | null = null;
      while (Date.now() - backAt < RESUME_DEADLINE_MS) {
        if ((await probeWrite(stack)) === null) {
          resumedAfterS = Math.round((Date.now() - backAt) / 100) / 10;
          break;
        }
        await sleep(1_000);
      }
      await stack.startKafkaNode(leader);
      return () =>
        Promise.resolve({
          passed: rejected !== null && resumedAfterS !== null,
          detail: `acks=all write with 1 of 3 brokers: ${rejected === null ? '**accepted**' : `failed (${rejected.slice(0, 120)})`}; writes resumed ${resumedAfterS === null ? '**never**' : `${resumedAfterS} s`} after the second broker was back`,
        });
    },
  },
];
