import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import type { Admin, Consumer, Kafka } from 'kafkajs';
import { decodeWebhookDefinition } from '@validity/contracts';
import type { WebhookView } from './webhook-view';

const WARN_INTERVAL_MS = 30_000;
const CATCH_UP_TIMEOUT_MS = 30_000;

/**
 * Keeps a `WebhookView` equal to the compacted webhook-definitions topic. It reads the topic from the
 * start on every boot with a throw-away group and never commits: the topic is the state, the view a
 * local copy. Later changes arrive as the broker has them (one fetch round trip).
 */
export class WebhookViewProjection {
  private readonly logger = new Logger('WebhookView');
  private consumer: Consumer | undefined;
  private admin: Admin | undefined;
  /** Per partition, the offset after the last record applied to the view. */
  private readonly applied = new Map<number, bigint>();
  private readonly waiters = new Set<() => void>();

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
    this.admin = this.kafka.admin();
    await this.admin.connect();
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
        this.applied.set(partition, BigInt(message.offset) + 1n);
        for (const wake of this.waiters) wake();
        return Promise.resolve();
      },
    });
    const warning = setInterval(
      () => this.logger.warn(`still reading ${this.topic}; deliveries start once every webhook is known`),
      WARN_INTERVAL_MS,
    );
    await this.catchUp(Number.POSITIVE_INFINITY).finally(() => clearInterval(warning));
  }

  /**
   * Resolves once the view holds every definition the topic had when called, so an event is matched
   * against every webhook created before it (the registry answers a write only once it is on the topic).
   * Rejects after `timeoutMs`; the caller's batch is then retried.
   */
  async catchUp(timeoutMs = CATCH_UP_TIMEOUT_MS): Promise<void> {
    const targets = [...(await this.highWatermarks())].filter(([, high]) => high > 0n);
    const isCaughtUp = () =>
      targets.every(([partition, high]) => (this.applied.get(partition) ?? 0n) >= high);
    if (isCaughtUp()) return;
    await new Promise<void>((resolve, reject) => {
      const timer =
        Number.isFinite(timeoutMs) &&
        setTimeout(() => {
          this.waiters.delete(check);
          reject(new Error(`the webhook view is still behind ${this.topic} after ${timeoutMs} ms`));
        }, timeoutMs);
      const check = () => {
        if (!isCaughtUp()) return;
        this.waiters.delete(check);
        if (timer) clearTimeout(timer);
        resolve();
      };
      this.waiters.add(check);
    });
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
    await this.admin?.disconnect();
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
    const offsets = await this.admin!.fetchTopicOffsets(this.topic);
    return new Map(offsets.map((offset) => [offset.partition, BigInt(offset.high)]));
  }
}
