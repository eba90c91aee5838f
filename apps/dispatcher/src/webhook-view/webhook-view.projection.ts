import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import type { Consumer, Kafka } from 'kafkajs';
import { decodeWebhookDefinition } from '@validity/contracts';
import type { WebhookView } from './webhook-view';

const WARN_INTERVAL_MS = 30_000;

/**
 * Keeps a `WebhookView` equal to the compacted webhook-definitions topic. It reads the topic from the
 * start on every boot with a throw-away group and never commits: the topic is the state, the view a
 * local copy. Later changes arrive as the broker has them (one fetch round trip).
 */
export class WebhookViewProjection {
  private readonly logger = new Logger('WebhookView');
  private consumer: Consumer | undefined;

  constructor(
    private readonly kafka: Kafka,
    private readonly view: WebhookView,
    private readonly topic: string,
  ) {}

  /**
   * Resolves once the view holds everything published before the call. It waits as long as that takes
   * (warning periodically): matching events against a partial set of webhooks would silently skip
   * deliveries, which is worse than starting late.
   */
  async start(): Promise<void> {
    const pending = new Map([...(await this.highWatermarks())].filter(([, high]) => high > 0n));
    let caughtUp: () => void = () => undefined;
    const ready = new Promise<void>((resolve) => (caughtUp = resolve));
    if (pending.size === 0) caughtUp();

    this.consumer = this.kafka.consumer({
      groupId: `dispatcher-webhooks-${randomUUID()}`,
      maxWaitTimeInMs: 500,
    });
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [this.topic], fromBeginning: true });
    await this.consumer.run({
      autoCommit: false,
      eachMessage: ({ partition, message }) => {
        this.apply(message.key, message.value);
        const high = pending.get(partition);
        if (high !== undefined && BigInt(message.offset) + 1n >= high) pending.delete(partition);
        if (pending.size === 0) caughtUp();
        return Promise.resolve();
      },
    });
    const warning = setInterval(
      () => this.logger.warn(`still reading ${this.topic}; deliveries start once every webhook is known`),
      WARN_INTERVAL_MS,
    );
    await ready.finally(() => clearInterval(warning));
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }

  private apply(key: Buffer | null, value: Buffer | null): void {
    const id = Number(key?.toString());
    if (value === null) {
      if (Number.isSafeInteger(id)) this.view.remove(id);
      return;
    }
    const decoded = decodeWebhookDefinition(value);
    // Only the reason: a parser's message may quote the record, and definitions carry secrets.
    if (!decoded.ok) this.logger.warn(`skipped webhook record ${String(key)}: ${decoded.reason}`);
    else this.view.put(decoded.value);
  }

  private async highWatermarks(): Promise<Map<number, bigint>> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const offsets = await admin.fetchTopicOffsets(this.topic);
      return new Map(offsets.map((offset) => [offset.partition, BigInt(offset.high)]));
    } finally {
      await admin.disconnect();
    }
  }
}
