import { Logger } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { decodeApiTokenRecord, TOKENS_TOPIC } from '@validity/contracts';
import { CompactedTopicFollower } from '@validity/platform/kafka';
import type { TokenDirectory } from './token-directory';

/** A key the directory does not know is looked for again this long at most before the 403. */
const MISS_CATCH_UP_MS = 2_000;

/** Keeps a `TokenDirectory` equal to the compacted `users.tokens` topic (the topic is the state). */
export class TokenDirectoryProjection {
  private readonly logger = new Logger('TokenDirectory');
  private readonly follower: CompactedTopicFollower;

  constructor(kafka: Kafka, directory: TokenDirectory, serviceName: string) {
    this.follower = new CompactedTopicFollower({
      kafka,
      topic: TOKENS_TOPIC,
      groupPrefix: `${serviceName}-tokens`,
      apply: (key, value) => {
        const id = Number(key?.toString());
        if (value === null) {
          if (Number.isInteger(id)) directory.remove(id);
          return;
        }
        const decoded = decodeApiTokenRecord(value);
        if (decoded.ok) directory.put(decoded.value);
        else this.logger.warn(`skipped token record ${String(key)}: ${decoded.reason}`);
      },
    });
  }

  /** Resolves once everything published before the boot is applied, so no stale refusal follows. */
  async start(catchUpTimeoutMs = 15_000): Promise<void> {
    await this.follower.start();
    await this.follower
      .catchUp(catchUpTimeoutMs)
      .catch(() => this.logger.warn(`tokens not caught up within ${catchUpTimeoutMs} ms; continuing`));
  }

  /**
   * Before refusing a key it does not know, the guard lets the directory catch up with the topic: the
   * gateway answers a token create once the token is on the topic, so a client may use it on the very
   * next request, at any service. Refusals of unknown keys wait one broker round trip for it.
   */
  async catchUpAfterMiss(): Promise<void> {
    // Bounded here, not only by catchUp's own timeout: that starts once the topic's end offsets are read,
    // and while Kafka is away reading them retries for a minute, so every refusal of an unknown key (and
    // every request queued behind one) waited that long instead of getting its 403.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      this.follower.catchUp(MISS_CATCH_UP_MS).catch(() => undefined),
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, MISS_CATCH_UP_MS);
      }),
    ]);
    clearTimeout(timer);
  }

  stop(): Promise<void> {
    return this.follower.stop();
  }
}
