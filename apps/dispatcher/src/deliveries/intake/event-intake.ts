import { Logger } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import type { DecodedEnvelope } from '@validity/contracts';
import { ConsumerRunner, envelopeDecoder, type EventProducer } from '@validity/platform/kafka';
import type { DispatcherConfig } from '../../config';
import { UnmatchableTopics } from '../../matching/unmatchable-topics';
import type { WebhookView } from '../../webhook-view/webhook-view';
import type { PlanDeliveries } from './plan-deliveries';

/** Partitions handled side by side; each batch is one short transaction, so a few cover the load. */
const PARTITIONS_IN_PARALLEL = 4;
/**
 * A killed instance's partitions move to the others after this long. Batches are short transactions,
 * well inside it, and heartbeats go every 3 s.
 */
const SESSION_TIMEOUT_MS = 10_000;
/**
 * A topic resumed for a new webhook is first fetched when the fetch in flight returns: a record on the
 * topics being fetched ends it at once, an idle one after this long. With only matchable topics fetched,
 * an idle fetch per second costs little.
 */
const MAX_FETCH_WAIT_MS = 1_000;
/**
 * Handled batches are committed at most once a second, all partitions in one request. Committing each
 * batch before the next fetch cost a broker round trip on the way of every event and an OffsetCommit
 * request per batch (at 200 events/s, ~60 a second, each a write to `__consumer_offsets`). Storing a
 * batch again is a no-op, so a crash or a rebalance re-reads at most a second of stored events.
 */
const COMMIT_INTERVAL_MS = 1_000;

/**
 * Consumes the event topics in batches: each fetched batch is planned in one transaction and its offset
 * committed only after that commit (at most once a second for all partitions), so a crash at any point
 * re-reads what was not stored or not yet committed, and storing it again is a no-op. Undecodable records go to the dead-letter topic. Topics no webhook can match are
 * not fetched: their offsets follow their end as if each record was consumed and dropped (see the
 * README, "Only the topics a webhook can match").
 */
export class EventIntake {
  private readonly logger = new Logger('EventIntake');
  private runner: ConsumerRunner<DecodedEnvelope> | undefined;

  constructor(
    private readonly kafka: Kafka,
    private readonly config: DispatcherConfig,
    private readonly deadLetters: EventProducer,
    private readonly plan: PlanDeliveries,
    private readonly view: WebhookView,
    private readonly viewCaughtUp: () => Promise<void>,
  ) {}

  async start(): Promise<void> {
    this.runner = await ConsumerRunner.start<DecodedEnvelope>({
      kafka: this.kafka,
      groupId: this.config.consumerGroup,
      topics: this.config.topics.events,
      decode: envelopeDecoder,
      deadLetter: this.deadLetters,
      deadLetterTopic: this.config.topics.deadLetter,
      handleBatch: (records) => this.plan.handle(records),
      partitionsConsumedConcurrently: PARTITIONS_IN_PARALLEL,
      sessionTimeoutMs: SESSION_TIMEOUT_MS,
      maxWaitTimeMs: MAX_FETCH_WAIT_MS,
      skip: {
        topics: new UnmatchableTopics(this.config.topics.events, this.view, this.viewCaughtUp),
        warn: (line) => this.logger.warn(line),
      },
      coalesceCommits: { intervalMs: COMMIT_INTERVAL_MS, warn: (line) => this.logger.warn(line) },
    });
  }

  async stop(): Promise<void> {
    await this.runner?.stop();
  }
}
