import { topicFor } from '@validity/contracts';
import type { AcceptedDelivery, ChaosReceiver } from './chaos-receiver';
import type { ChaosStack } from './chaos-stack';
import { CLOCK_FAULTS } from './clock-faults';
import { CLUSTER_FAULTS } from './cluster-faults';
import { NETWORK_FAULTS } from './network-faults';
import { checkPoison, placePoison } from './poison-record';
import { checkStoredReports, newestReportId } from './stored-reports.check';
import { readWholeTopic } from './whole-topic';
import type { ValidityClient } from './validity-client';
import { WebhookWriter } from './webhook-writer';

/** How long each fault lasts; the short form (inside `npm test`) scales them down. */
export interface FaultTiming {
  /** PostgreSQL or Kafka stays down this long before it is started again. */
  infrastructureDownS: number;
  receiverDownS: number;
  /** How long the receiver answers 500, and how long it answers slowly. */
  receiverTroubleS: number;
  /** The slow receiver's answer time: above the webhooks' timeout, so the dispatcher gives up and retries. */
  slowAnswerMs: number;
  /** Webhook creates and updates the writer sends while the registry is killed under it. */
  webhookWrites: number;
  /** How long the slow network (added latency, bandwidth limit) and the connection resets last. */
  networkTroubleS: number;
  /** How long the network between the services and Kafka, or PostgreSQL, is partitioned. */
  partitionS: number;
  /** How long a killed Kafka broker of the three stays down. */
  brokerDownS: number;
  /** How long the dispatcher's clock stays an hour ahead, then how long retries run after it steps back. */
  clockHoldS: number;
}

export interface FaultContext {
  stack: ChaosStack;
  /** The receiver the receiver-side faults hit; the other webhooks' receivers stay healthy. */
  target: ChaosReceiver;
  timing: FaultTiming;
  log: (line: string) => void;
  client: ValidityClient;
  webhooks: readonly string[];
  accepted: readonly AcceptedDelivery[];
}

/** Runs once the stream is delivered, with the ids of the reports whose runs got their 201. */
export type LaterCheck = (confirmedReportIds: readonly number[]) => Promise<FaultCheck>;

/** A check that only makes sense once the stream has been delivered (e.g. the dead-letter topic). */
export interface FaultCheck {
  passed: boolean;
  detail: string;
}

/**
 * The stack a fault needs: the single-broker stack (`single`), the same with every app's Kafka and
 * PostgreSQL traffic through Toxiproxy (`network`), with the dispatcher under faketime (`clock`), or the
 * three-broker cluster (`cluster`, a stack of its own started after the others).
 */
export type FaultStack = 'single' | 'network' | 'clock' | 'cluster';

export interface Fault {
  name: string;
  /** Default `single`. */
  stack?: FaultStack;
  /** Left out of `--short` (the run inside `npm test`): slow, or needs Go or faketime; see the README. */
  fullOnly?: boolean;
  /** What the run does, for the reliability page. */
  action: (timing: FaultTiming) => string;
  /**
   * Injects the fault and resolves at the moment it is over: the process killed, the broker or database
   * answering again, the receiver healthy again. How long the apps take to notice counts as recovery.
   */
  inject(context: FaultContext): Promise<LaterCheck | void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const COMPLIANCE_REPORT_CREATED = topicFor('validity.compliancereport', 'created');
const COMPLIANCE_REPORT_DELETED = topicFor('validity.compliancereport', 'deleted');

/** The ids of the reports whose deletion (by retention) was announced on Kafka. */
async function announcedDeletedReports(brokers: string): Promise<Set<number>> {
  const records = await readWholeTopic(brokers, COMPLIANCE_REPORT_DELETED);
  return new Set(
    records.map((value) => (JSON.parse(value.toString('utf8')) as { data: { id: number } }).data.id),
  );
}
export const DISPATCHER_GROUP = 'dispatcher';

let writerRuns = 0;

/** `kill -9` of a service that writes reports (or fronts the writes) while runs are posted. */
function reportWriterKill(app: 'reports' | 'gateway', what: string): Fault {
  return {
    name: `${app}-sigkill`,
    action: () =>
      `\`kill -9\` of the ${what} while runs are posted; its supervisor starts a new process. Every run stored (201 or not) has its event, every event its run`,
    async inject({ stack, client, webhooks, accepted }) {
      const afterId = await newestReportId(client);
      stack.killApp(app);
      return async (confirmedReportIds) =>
        checkStoredReports(
          client,
          afterId,
          webhooks,
          accepted,
          confirmedReportIds,
          await announcedDeletedReports(stack.kafkaBrokers),
        );
    },
  };
}

export const FAULTS: readonly Fault[] = [
  {
    name: 'dispatcher-sigkill',
    action: () => '`kill -9` of the dispatcher mid-stream; its supervisor starts a new process',
    inject({ stack }) {
      // Over at the kill: the supervisor's restart and the new process's catch-up count as recovery.
      stack.killDispatcher();
      return Promise.resolve();
    },
  },
  reportWriterKill('reports', 'reports service'),
  reportWriterKill('gateway', 'gateway (requests in flight through it)'),
  {
    name: 'webhook-registry-sigkill',
    action: (timing) =>
      `\`kill -9\` of the webhook registry during ${timing.webhookWrites} webhook creates and updates (retried with the same body until answered)`,
    async inject({ stack, client, timing, log }) {
      writerRuns += 1;
      const writer = new WebhookWriter(client, `chaos-writer-${writerRuns}`);
      const killAfter = Math.floor(timing.webhookWrites / 3);
      await writer.write(timing.webhookWrites, async (done) => {
        if (done !== killAfter) return;
        log(`killing the webhook registry after ${done} writes`);
        stack.killApp('webhook-registry');
        await Promise.resolve();
      });
      return () => writer.check(stack.kafkaBrokers);
    },
  },
  {
    name: 'kafka-restart',
    // The slowest fault of the short form (a JVM start on a loaded machine); kafka-outage.int-spec.ts
    // stops and restarts a real broker under writes inside `npm test` already.
    fullOnly: true,
    action: (timing) => `the Kafka broker stops, stays down ${timing.infrastructureDownS} s, starts again`,
    async inject({ stack, timing }) {
      await stack.stopKafka();
      await sleep(timing.infrastructureDownS * 1_000);
      await stack.startKafka();
    },
  },
  {
    name: 'postgres-restart',
    action: (timing) => `PostgreSQL stops, stays down ${timing.infrastructureDownS} s, starts again`,
    async inject({ stack, timing }) {
      await stack.stopPostgres();
      await sleep(timing.infrastructureDownS * 1_000);
      await stack.startPostgres();
    },
  },
  {
    name: 'receiver-down',
    action: (timing) => `one receiver's port refuses connections for ${timing.receiverDownS} s`,
    async inject({ target, timing }) {
      await target.down();
      await sleep(timing.receiverDownS * 1_000);
      await target.up();
    },
  },
  {
    name: 'receiver-500',
    // Retries after 5xx answers are covered by the dispatcher's integration specs; receiver-down keeps
    // the retry path in the short form.
    fullOnly: true,
    action: (timing) => `one receiver answers 500 for ${timing.receiverTroubleS} s`,
    async inject({ target, timing }) {
      target.behave({ kind: 'error', status: 500 });
      await sleep(timing.receiverTroubleS * 1_000);
      target.behave({ kind: 'ok' });
    },
  },
  {
    name: 'receiver-slow',
    action: (timing) =>
      `one receiver takes ${timing.slowAnswerMs / 1_000} s per answer (the webhooks' timeout is shorter) for ${timing.receiverTroubleS} s`,
    async inject({ target, timing }) {
      target.behave({ kind: 'slow', delayMs: timing.slowAnswerMs });
      await sleep(timing.receiverTroubleS * 1_000);
      target.behave({ kind: 'ok' });
    },
  },
  {
    name: 'poison-record',
    action: () => `an undecodable record on every partition of \`${COMPLIANCE_REPORT_CREATED}\``,
    async inject({ stack, log }) {
      const placed = await placePoison(stack.kafkaBrokers, COMPLIANCE_REPORT_CREATED);
      log(`poison at ${placed.map((poison) => `${poison.partition}@${poison.offset}`).join(', ')}`);
      return async () => {
        const outcome = await checkPoison(stack.kafkaBrokers, DISPATCHER_GROUP, placed);
        const reasons = [...new Set(outcome.deadLettered.map((entry) => entry.reason))].join(', ');
        return {
          passed: outcome.deadLettered.length === outcome.placed && outcome.passed === outcome.placed,
          detail: `${outcome.deadLettered.length}/${outcome.placed} in the dead-letter topic (reason: ${reasons || 'none'}), ${outcome.passed}/${outcome.placed} partitions moved on`,
        };
      };
    },
  },
  ...NETWORK_FAULTS,
  ...CLOCK_FAULTS,
  ...CLUSTER_FAULTS,
];
