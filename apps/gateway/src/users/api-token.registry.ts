import { Inject, Injectable } from '@nestjs/common';
import { DataSource, IsNull, QueryFailedError, type SelectQueryBuilder } from 'typeorm';
import { generateTokenKey, hashTokenKey } from '@validity/platform/auth';
import {
  applyFilters,
  booleanFilter,
  dateTimeFilter,
  NetBoxValidationError,
  NotFoundError,
  numberFilter,
  PermissionDeniedError,
  searchFilter,
  stringFilter,
  type Pagination,
} from '@validity/platform/netbox-api';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config';
import { ApiTokenEntity } from './api-token.entity';
import type { ApiTokenInput } from './api-token.input';
import { ApiTokenPublisher } from './api-token.publisher';
import { resolveUser, type KnownUser } from './known-users';

const TOKEN_FILTERS = {
  id: numberFilter('t.id'),
  user_id: numberFilter('t.user_id'),
  user: stringFilter('t.username'),
  key: stringFilter('t.key_hint'),
  write_enabled: booleanFilter('t.write_enabled'),
  description: stringFilter('t.description'),
  created: dateTimeFilter('t.created'),
  expires: dateTimeFilter('t.expires'),
  q: searchFilter(['t.description', 't.username']),
};

/** DRF's `UniqueValidator` message for the token key (`tokens_key_sha256_key`). */
const KEY_TAKEN = 'token with this key already exists.';

const ADMIN_TOKEN_PROTECTED =
  'ADMIN_TOKEN cannot be changed or revoked through the API; change the ADMIN_TOKEN setting instead.';

/** The token use cases; each write commits, then publishes the change for every service's directory. */
@Injectable()
export class ApiTokenRegistry {
  /** ADMIN_TOKEN's hash: that token is always valid for `admin` (README), so the API may not touch it. */
  private readonly adminKeySha256: string | undefined;

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(ApiTokenPublisher) private readonly publisher: ApiTokenPublisher,
    @Inject(GATEWAY_CONFIG) config: GatewayConfig,
  ) {
    const { adminToken } = config.auth;
    this.adminKeySha256 = adminToken ? hashTokenKey(adminToken) : undefined;
  }

  async list(query: Record<string, string | string[] | undefined>, page: Pagination) {
    const builder = this.live();
    applyFilters(builder as SelectQueryBuilder<never>, TOKEN_FILTERS, query);
    const [results, count] = await builder
      .orderBy('t.id', 'ASC')
      .skip(page.offset)
      .take(page.limit)
      .getManyAndCount();
    return { results, count };
  }

  async get(id: number): Promise<ApiTokenEntity> {
    const token = await this.dataSource
      .getRepository(ApiTokenEntity)
      .findOneBy({ id: Number.isSafeInteger(id) ? id : -1, deletedAt: IsNull() });
    if (!token) throw new NotFoundError();
    return token;
  }

  /** Returns the key too: it is shown once, in the answer that creates the token. */
  async issue(input: ApiTokenInput, requester: KnownUser): Promise<{ token: ApiTokenEntity; key: string }> {
    const user = resolveUser(input.user, requester);
    const key = input.key ?? generateTokenKey();
    const token = await this.saveWithUniqueKey({
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
    });
    await this.publisher.publish([token]);
    return { token, key };
  }

  async update(id: number, input: ApiTokenInput, requester: KnownUser): Promise<ApiTokenEntity> {
    const token = this.changeable(await this.get(id));
    if (input.user !== undefined) {
      const user = resolveUser(input.user, requester);
      token.userId = user.id;
      token.username = user.username;
    }
    if (input.key !== undefined) {
      token.keySha256 = hashTokenKey(input.key);
      token.keyHint = input.key.slice(-6);
    }
    if (input.write_enabled !== undefined) token.writeEnabled = input.write_enabled;
    if (input.expires !== undefined) token.expires = input.expires === null ? null : new Date(input.expires);
    if (input.description !== undefined) token.description = input.description;
    const saved = await this.saveWithUniqueKey(token);
    await this.publisher.publish([saved]);
    return saved;
  }

  async revoke(id: number): Promise<void> {
    const token = this.changeable(await this.get(id));
    token.deletedAt = new Date();
    await this.dataSource.getRepository(ApiTokenEntity).save(token);
    await this.publisher.publish([token]);
  }

  /**
   * Makes sure ADMIN_TOKEN is a live, writable, unexpiring token row of `admin`, so it is listed and
   * published like any other. A row left revoked or restricted by an older version (which let the API
   * change it) is restored: inserting a second row with the same key would violate the unique key.
   */
  async seedAdminToken(key: string, admin: KnownUser): Promise<void> {
    const repository = this.dataSource.getRepository(ApiTokenEntity);
    const existing = await repository.findOneBy({ keySha256: hashTokenKey(key) });
    if (!existing) {
      await this.issue({ key, description: 'ADMIN_TOKEN', write_enabled: true }, admin);
      return;
    }
    const restored: ApiTokenEntity = {
      ...existing,
      userId: admin.id,
      username: admin.username,
      writeEnabled: true,
      expires: null,
      deletedAt: null,
    };
    if (JSON.stringify(restored) === JSON.stringify(existing)) return;
    await this.publisher.publish([await repository.save(restored)]);
  }

  private changeable(token: ApiTokenEntity): ApiTokenEntity {
    if (token.keySha256 === this.adminKeySha256) throw new PermissionDeniedError(ADMIN_TOKEN_PROTECTED);
    return token;
  }

  /** A key already in use (even by a revoked token) is a 400 on `key`, as DRF's unique validator says. */
  private async saveWithUniqueKey(token: Partial<ApiTokenEntity>): Promise<ApiTokenEntity> {
    try {
      return await this.dataSource.getRepository(ApiTokenEntity).save(token);
    } catch (error) {
      if (error instanceof QueryFailedError && isUniqueViolation(error))
        throw new NetBoxValidationError({ key: [KEY_TAKEN] });
      throw error;
    }
  }

  private live() {
    return this.dataSource
      .getRepository(ApiTokenEntity)
      .createQueryBuilder('t')
      .where('t.deleted_at IS NULL');
  }
}

function isUniqueViolation(error: QueryFailedError): boolean {
  return (error.driverError as { code?: unknown } | undefined)?.code === '23505';
}
