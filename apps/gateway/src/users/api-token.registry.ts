import { Inject, Injectable } from '@nestjs/common';
import { DataSource, IsNull, type SelectQueryBuilder } from 'typeorm';
import { generateTokenKey, hashTokenKey } from '@validity/platform/auth';
import {
  applyFilters,
  booleanFilter,
  dateTimeFilter,
  NotFoundError,
  numberFilter,
  searchFilter,
  stringFilter,
  type Pagination,
} from '@validity/platform/netbox-api';
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

/** The token use cases; each write commits, then publishes the change for every service's directory. */
@Injectable()
export class ApiTokenRegistry {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(ApiTokenPublisher) private readonly publisher: ApiTokenPublisher,
  ) {}

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
    const token = await this.dataSource.getRepository(ApiTokenEntity).save({
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
    const token = await this.get(id);
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
    const saved = await this.dataSource.getRepository(ApiTokenEntity).save(token);
    await this.publisher.publish([saved]);
    return saved;
  }

  async revoke(id: number): Promise<void> {
    const token = await this.get(id);
    token.deletedAt = new Date();
    await this.dataSource.getRepository(ApiTokenEntity).save(token);
    await this.publisher.publish([token]);
  }

  /** Makes sure ADMIN_TOKEN is a token row of `admin`, so it is listed and published like any other. */
  async seedAdminToken(key: string, admin: KnownUser): Promise<void> {
    const repository = this.dataSource.getRepository(ApiTokenEntity);
    if (await repository.existsBy({ keySha256: hashTokenKey(key), deletedAt: IsNull() })) return;
    await this.issue({ key, description: 'ADMIN_TOKEN', write_enabled: true }, admin);
  }

  private live() {
    return this.dataSource
      .getRepository(ApiTokenEntity)
      .createQueryBuilder('t')
      .where('t.deleted_at IS NULL');
  }
}
