import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { generateTokenKey, hashTokenKey, TokenDirectory } from '@validity/platform/auth';
import { EventStoreWrites, handleCommand, republishLatest } from '@validity/platform/event-store';
import { NotFoundError, PermissionDeniedError, type Pagination } from '@validity/platform/netbox-api';
import { TOKENS_TOPIC } from '@validity/contracts';
import { GATEWAY_CONFIG, type GatewayConfig } from '../../config';
import type { ApiToken } from '../domain/api-token';
import { apiTokenRecordOf, apiTokenStreamId } from '../domain/api-token-events';
import { apiTokenDecider, type ApiTokenCommand } from '../domain/api-token.decider';
import { resolveUser, type KnownUser } from '../domain/known-users';
import { ApiTokenTable, KEY_UNIQUE_CONSTRAINT } from '../store/api-token-table';
import type { ApiTokenInput } from '../input/api-token.input';

/** DRF's `UniqueValidator` message for the token key. */
const KEY_TAKEN = 'token with this key already exists.';

const ADMIN_TOKEN_PROTECTED =
  'ADMIN_TOKEN cannot be changed or revoked through the API; change the ADMIN_TOKEN setting instead.';

/**
 * A token is usable at every service once its record is on `users.tokens` (each service's directory
 * follows the topic), so a write answers once the relay published it, as the gateway did when it
 * published itself; past this wait (Kafka away) it answers anyway and the relay publishes it later.
 */
const PUBLISH_WAIT_MS = 5_000;

/**
 * The token use cases. Each write decides on the token's stream, updates the `tokens` read model and
 * appends the event in one transaction; the outbox relay publishes the event's record on `users.tokens`.
 */
@Injectable()
export class ApiTokenRegistry {
  /** ADMIN_TOKEN's hash: that token is always valid for `admin` (README), so the API may not touch it. */
  private readonly adminKeySha256: string | undefined;
  private readonly schema: string;
  private readonly table: ApiTokenTable;
  private readonly writes: EventStoreWrites;

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(TokenDirectory) private readonly localDirectory: TokenDirectory,
    @Inject(GATEWAY_CONFIG) config: GatewayConfig,
  ) {
    const { adminToken } = config.auth;
    this.adminKeySha256 = adminToken ? hashTokenKey(adminToken) : undefined;
    this.schema = config.database.schema;
    this.table = new ApiTokenTable(this.schema);
    this.writes = new EventStoreWrites({
      dataSource,
      schema: this.schema,
      uniqueViolations: { [KEY_UNIQUE_CONSTRAINT]: { key: [KEY_TAKEN] } },
      staleSubject: 'The token',
    });
  }

  list(query: Record<string, string | string[] | undefined>, page: Pagination) {
    return this.table.list(this.dataSource, query, page);
  }

  async get(id: number): Promise<ApiToken> {
    const token = Number.isSafeInteger(id) ? await this.table.findLive(this.dataSource, id) : undefined;
    if (!token) throw new NotFoundError();
    return token;
  }

  /** Returns the key too: it is shown once, in the answer that creates the token. */
  async issue(input: ApiTokenInput, requester: KnownUser): Promise<{ token: ApiToken; key: string }> {
    const user = resolveUser(input.user, requester);
    const key = input.key ?? generateTokenKey();
    const token = await this.write(async (manager) => {
      const id = await this.table.nextId(manager);
      return this.decide(manager, id, {
        issue: {
          id,
          userId: user.id,
          username: user.username,
          keySha256: hashTokenKey(key),
          keyHint: key.slice(-6),
          writeEnabled: input.write_enabled ?? true,
          expires: input.expires ? new Date(input.expires) : null,
          description: input.description ?? '',
          created: new Date(),
          lastUsed: null,
          deletedAt: null,
        },
      });
    });
    return { token, key };
  }

  async update(id: number, input: ApiTokenInput, requester: KnownUser): Promise<ApiToken> {
    this.changeable(await this.get(id));
    const change: Extract<ApiTokenCommand, { change: unknown }>['change'] = {};
    if (input.user !== undefined) {
      const user = resolveUser(input.user, requester);
      change.userId = user.id;
      change.username = user.username;
    }
    if (input.key !== undefined) {
      change.keySha256 = hashTokenKey(input.key);
      change.keyHint = input.key.slice(-6);
    }
    if (input.write_enabled !== undefined) change.writeEnabled = input.write_enabled;
    if (input.expires !== undefined) change.expires = input.expires === null ? null : new Date(input.expires);
    if (input.description !== undefined) change.description = input.description;
    return this.write((manager) => this.decide(manager, id, { change }));
  }

  async revoke(id: number): Promise<void> {
    this.changeable(await this.get(id));
    await this.write((manager) => this.decide(manager, id, { revoke: new Date() }));
  }

  /**
   * Makes sure ADMIN_TOKEN is a live, writable, unexpiring token of `admin`, so it is listed and
   * published like any other. A token left revoked or restricted by an older version (which let the API
   * change it) is restored: issuing a second token with the same key would violate the unique key.
   */
  async seedAdminToken(key: string, admin: KnownUser): Promise<void> {
    const existing = await this.table.findByKey(this.dataSource, hashTokenKey(key));
    if (!existing) {
      await this.issue({ key, description: 'ADMIN_TOKEN', write_enabled: true }, admin);
      return;
    }
    await this.write((manager) =>
      this.decide(manager, existing.id, {
        change: {
          userId: admin.id,
          username: admin.username,
          writeEnabled: true,
          expires: null,
          deletedAt: null,
        },
      }),
    );
  }

  /**
   * Every token's current record goes out once more, signed with the current HMAC key: what the start-up
   * pass of the old publisher did, so changing `INTERNAL_TOPIC_HMAC_KEY` and restarting the gateway
   * first still re-signs every token (README). Through the relay, like every other token record.
   */
  republishAll(): Promise<void> {
    return republishLatest(this.dataSource, this.schema, TOKENS_TOPIC);
  }

  private changeable(token: ApiToken): ApiToken {
    if (token.keySha256 === this.adminKeySha256) throw new PermissionDeniedError(ADMIN_TOKEN_PROTECTED);
    return token;
  }

  /** The command on the token's stream, and its read-model row written from the state it leaves. */
  private async decide(manager: EntityManager, id: number, command: ApiTokenCommand): Promise<ApiToken> {
    const handled = await handleCommand(manager, this.schema, apiTokenStreamId(id), apiTokenDecider, command);
    const token = handled.after;
    if (token === null) throw new NotFoundError();
    if (handled.events.length > 0) await this.table.save(manager, token);
    return token;
  }

  /**
   * One write through the event store. The gateway's own directory takes the new state at once: the next
   * request here may use the token before the gateway's follower of the topic has read it back.
   */
  private async write(work: (manager: EntityManager) => Promise<ApiToken>): Promise<ApiToken> {
    const token = await this.writes.run(work, { waitForRelayMs: PUBLISH_WAIT_MS });
    if (token.deletedAt) this.localDirectory.remove(token.id);
    else this.localDirectory.put(apiTokenRecordOf(token));
    return token;
  }
}
