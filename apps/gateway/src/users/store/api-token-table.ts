import type { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { IsNull } from 'typeorm';
import {
  applyFilters,
  booleanFilter,
  dateTimeFilter,
  numberFilter,
  searchFilter,
  stringFilter,
  type Pagination,
} from '@validity/platform/netbox-api';
import type { ApiToken } from '../domain/api-token';
import { ApiTokenEntity } from './api-token.entity';

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

/** DRF's `UniqueValidator` on the key, as the table enforces it. */
export const KEY_UNIQUE_CONSTRAINT = 'tokens_key_sha256_key';

/** The one owner of the `tokens` read model's SQL. */
export class ApiTokenTable {
  private readonly table: string;

  constructor(schema: string) {
    this.table = `"${schema}"."tokens"`;
  }

  async list(
    dataSource: DataSource,
    query: Record<string, string | string[] | undefined>,
    page: Pagination,
  ): Promise<{ results: ApiTokenEntity[]; count: number }> {
    const builder = dataSource
      .getRepository(ApiTokenEntity)
      .createQueryBuilder('t')
      .where('t.deleted_at IS NULL');
    applyFilters(builder as SelectQueryBuilder<never>, TOKEN_FILTERS, query);
    const [results, count] = await builder
      .orderBy('t.id', 'ASC')
      .skip(page.offset)
      .take(page.limit)
      .getManyAndCount();
    return { results, count };
  }

  /** A live token, or undefined (revoked ones too). */
  async findLive(dataSource: DataSource, id: number): Promise<ApiToken | undefined> {
    const token = await dataSource.getRepository(ApiTokenEntity).findOneBy({ id, deletedAt: IsNull() });
    return token ?? undefined;
  }

  /** The token with this key hash, revoked or not (a key stays taken after its token is revoked). */
  async findByKey(dataSource: DataSource, keySha256: string): Promise<ApiToken | undefined> {
    return (await dataSource.getRepository(ApiTokenEntity).findOneBy({ keySha256 })) ?? undefined;
  }

  /** The id a new token gets (the sequence, as an insert would take it; a rebuild keeps it). */
  async nextId(manager: EntityManager): Promise<number> {
    const [row]: Array<{ id: string }> = await manager.query(
      `SELECT nextval(pg_get_serial_sequence($1, 'id')) AS "id"`,
      [this.table],
    );
    return Number(row.id);
  }

  /** Writes the token's row as it is now; a key taken by another token fails on KEY_UNIQUE_CONSTRAINT. */
  async save(manager: EntityManager, token: ApiToken): Promise<void> {
    await manager.query(
      `INSERT INTO ${this.table}
         ("id", "user_id", "username", "key_sha256", "key_hint", "write_enabled", "expires", "description",
          "created", "last_used", "deleted_at")
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT ("id") DO UPDATE SET
         "user_id" = EXCLUDED."user_id", "username" = EXCLUDED."username",
         "key_sha256" = EXCLUDED."key_sha256", "key_hint" = EXCLUDED."key_hint",
         "write_enabled" = EXCLUDED."write_enabled", "expires" = EXCLUDED."expires",
         "description" = EXCLUDED."description", "created" = EXCLUDED."created",
         "last_used" = EXCLUDED."last_used", "deleted_at" = EXCLUDED."deleted_at"`,
      [
        token.id,
        token.userId,
        token.username,
        token.keySha256,
        token.keyHint,
        token.writeEnabled,
        token.expires,
        token.description,
        token.created,
        token.lastUsed,
        token.deletedAt,
      ],
    );
  }
}
