import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import type { Consumer, Kafka } from 'kafkajs';
import { decodeApiTokenRecord, TOKENS_TOPIC } from '@validity/contracts';
import type { TokenDirectory } from './token-directory';

/**
 * Keeps a `TokenDirectory` equal to the compacted `users.tokens` topic. It reads the topic from the start on
 * every boot with a throw-away group and never commits: the topic is the state, this is a local copy.
 * `start` resolves once everything published before the boot is applied, so no stale refusal follows.
 */
export class TokenDirectoryProjection {
  private readonly logger = new Logger('TokenDirectory');
  private consumer: Consumer | undefined;

  constructor(
    private readonly kafka: Kafka,
    private readonly directory: TokenDirectory,
    private readonly serviceName: string,
  ) {}

  async start(catchUpTimeoutMs = 15_000): Promise<void> {
    const highWatermarks = await this.currentHighWatermarks();
    const pending = new Map([...highWatermarks].filter(([, high]) => high > 0n));
    let caughtUp: () => void = () => undefined;
    const ready = new Promise<void>((resolve) => (caughtUp = resolve));
    if (pending.size === 0) caughtUp();

    this.consumer = this.kafka.consumer({ groupId: `${this.serviceName}-tokens-${randomUUID()}` });
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [TOKENS_TOPIC], fromBeginning: true });
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
    const timeout = new Promise<void>((resolve) =>
      setTimeout(() => {
        if (pending.size > 0)
          this.logger.warn(`tokens not caught up within ${catchUpTimeoutMs} ms; continuing`);
        resolve();
      }, catchUpTimeoutMs).unref(),
    );
    await Promise.race([ready, timeout]);
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }

  private apply(key: Buffer | null, value: Buffer | null): void {
    const id = Number(key?.toString());
    if (value === null) {
      if (Number.isInteger(id)) this.directory.remove(id);
      return;
    }
    const decoded = decodeApiTokenRecord(value);
    if (decoded.ok) this.directory.put(decoded.value);
    else this.logger.warn(`skipped token record ${String(key)}: ${decoded.reason}`);
  }

  private async currentHighWatermarks(): Promise<Map<number, bigint>> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const offsets = await admin.fetchTopicOffsets(TOKENS_TOPIC);
      return new Map(offsets.map((offset) => [offset.partition, BigInt(offset.high)]));
    } finally {
      await admin.disconnect();
    }
  }
}
