import { Logger } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { DEAD_LETTER_TOPIC, decodeApiTokenRecord, TOKENS_TOPIC } from '@validity/contracts';
import {
  CompactedTopicFollower,
  RejectedRecordDeadLetter,
  type InternalRecordAuthenticator,
  type PartitionLag,
} from '@validity/platform/kafka';
import type { TokenDirectory } from './token-directory';

/** A key the directory does not know is looked for again this long at most before the 403. */
const MISS_CATCH_UP_MS = 2_000;

/**
 * Keeps a `TokenDirectory` equal to the compacted `users.tokens` topic (the topic is the state). A record
 * without the gateway's HMAC is never applied, tombstones included: whoever can produce to the cluster
 * must not be able to mint or revoke a token. Such records are dead-lettered (without their value).
 */
export class TokenDirectoryProjection {
  private readonly logger = new Logger('TokenDirectory');
  private readonly follower: CompactedTopicFollower;
  private readonly rejected: RejectedRecordDeadLetter;

  constructor(
    kafka: Kafka,
    directory: TokenDirectory,
    serviceName: string,
    authenticator: InternalRecordAuthenticator,
    deadLetterTopic: string = DEAD_LETTER_TOPIC,
  ) {
    this.rejected = new RejectedRecordDeadLetter({
      kafka,
      consumerName: `${serviceName}-tokens`,
      topic: deadLetterTopic,
      warn: (line) => this.logger.warn(line),
    });
    this.follower = new CompactedTopicFollower({
      kafka,
      topic: TOKENS_TOPIC,
      groupPrefix: `${serviceName}-tokens`,
      apply: (key, value, consumed) => {
        const check = authenticator.verify(TOKENS_TOPIC, consumed.record);
        if (!check.ok) {
          this.logger.warn(
            `ignored token record ${String(key)} at offset ${consumed.offset}: ${check.reason}`,
          );
          this.rejected.reject(consumed, check.reason, check.message);
          return;
        }
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

  /** Token records published but not applied to the directory yet. */
  lag(): Promise<PartitionLag[]> {
    return this.follower.lag();
  }

  async stop(): Promise<void> {
    await this.follower.stop();
    await this.rejected.stop();
  }
}
