import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Kafka } from 'kafkajs';
import { encodeApiTokenRecord, TOKENS_TOPIC, type ApiTokenRecord } from '@validity/contracts';
import { TokenDirectory } from '@validity/platform/auth';
import { EventProducer, InternalRecordAuthenticator, KAFKA } from '@validity/platform/kafka';
import { ApiTokenEntity } from './api-token.entity';

const RESYNC_INTERVAL_MS = 60_000;

/**
 * Publishes token changes to the compacted `users.tokens` topic that every service reads. A change is
 * published right after its transaction commits; in case that publish is lost (crash, broker down), the
 * whole table, tombstones of deleted tokens included, is republished at start and every minute.
 */
@Injectable()
export class ApiTokenPublisher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ApiTokenPublisher');
  private producer: Promise<EventProducer> | undefined;
  private resync: NodeJS.Timeout | undefined;

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(TokenDirectory) private readonly localDirectory: TokenDirectory,
    @Inject(InternalRecordAuthenticator) private readonly authenticator: InternalRecordAuthenticator,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.publishAll();
    this.resync = setInterval(() => {
      this.publishAll().catch((error: unknown) => this.logger.warn(`token resync failed: ${String(error)}`));
    }, RESYNC_INTERVAL_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.resync);
    await (await this.producer)?.disconnect();
  }

  async publish(tokens: readonly ApiTokenEntity[]): Promise<void> {
    if (tokens.length === 0) return;
    this.producer ??= EventProducer.connect(this.kafka);
    await (
      await this.producer
    ).send(
      TOKENS_TOPIC,
      // Signed: every service ignores token records without the HMAC only the services can make.
      tokens.map((token) =>
        this.authenticator.sign(TOKENS_TOPIC, {
          key: String(token.id),
          value: token.deletedAt ? null : encodeApiTokenRecord(toRecord(token)),
          headers: {},
        }),
      ),
    );
    // The gateway answers the next request with the new state, before its own projection reads it back.
    for (const token of tokens) {
      if (token.deletedAt) this.localDirectory.remove(token.id);
      else this.localDirectory.put(toRecord(token));
    }
  }

  private async publishAll(): Promise<void> {
    await this.publish(await this.dataSource.getRepository(ApiTokenEntity).find({ order: { id: 'ASC' } }));
  }
}

function toRecord(token: ApiTokenEntity): ApiTokenRecord {
  return {
    id: token.id,
    user: { id: token.userId, username: token.username },
    key_sha256: token.keySha256,
    write_enabled: token.writeEnabled,
    expires: token.expires?.toISOString() ?? null,
  };
}
