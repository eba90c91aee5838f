import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import { netboxTimestamp, type PreciseTime } from '@validity/contracts';
import { applyFilters, lastValueOf, type Pagination, type QueryParams } from '@validity/platform/netbox-api';
import {
  settingsOf,
  WEBHOOK_SETTING_KEYS,
  type StoredWebhook,
  type WebhookSettings,
} from '../domain/webhook';
import { type WebhookDeliveryState } from '../domain/webhook-delivery-state';
import type { ExistingWebhooks, UrlAndTypes } from '../validation/existing-webhooks';
import { READ_ONLY_WEBHOOK_FILTERS, WEBHOOK_FILTERS, webhookOrdering } from './webhook-filters';

/** The system-kept delivery state (issue 18), in its migration's column order. */
const DELIVERY_STATE_COLUMNS = [
  'previous_secret',
  'secret_rotated_at',
  'previous_secret_expires',
  'disabled_reason',
] as const satisfies readonly (keyof WebhookDeliveryState)[];

/** The registry's database schema (the service's own). */
export const REGISTRY_SCHEMA = Symbol('REGISTRY_SCHEMA');

/** A `webhooks` row as PostgreSQL returns it: bigints as text, datetimes as epoch microseconds. */
interface WebhookRow extends WebhookSettings, WebhookDeliveryState {
  id: string;
  version: number;
  created_us: string;
  last_updated_us: string;
}

const WRITTEN_COLUMNS = [
  'id',
  'version',
  ...WEBHOOK_SETTING_KEYS,
  'created',
  'last_updated',
  ...DELIVERY_STATE_COLUMNS,
] as const;

/**
 * The `webhooks` read model, a projection of the event store written in the same transactions. SQL of
 * its own rather than a TypeORM entity, because TypeORM's dates hold milliseconds and NetBox's REST
 * datetimes show microseconds: they go in as text and come back as epoch microseconds.
 */
@Injectable()
export class WebhookTable {
  constructor(@Inject(REGISTRY_SCHEMA) private readonly schema: string) {}

  /** One page of webhooks matching a list request's filters, in its `ordering`, and the total. */
  async list(
    manager: EntityManager,
    query: QueryParams,
    page: Pagination,
    secretsVisible = true,
  ): Promise<{ webhooks: StoredWebhook[]; count: number }> {
    const filterSet = secretsVisible ? WEBHOOK_FILTERS : READ_ONLY_WEBHOOK_FILTERS;
    const filtered = applyFilters(this.select(manager), filterSet, query);
    const counted: { count: string } | undefined = await filtered
      .clone()
      .select('COUNT(*)', 'count')
      .getRawOne();
    for (const { column, direction } of webhookOrdering(lastValueOf(query, 'ordering'), secretsVisible)) {
      filtered.addOrderBy(column, direction);
    }
    const rows = await filtered.offset(page.offset).limit(page.limit).getRawMany<WebhookRow>();
    return { webhooks: rows.map(toWebhook), count: Number(counted?.count ?? 0) };
  }

  async find(manager: EntityManager, id: number): Promise<StoredWebhook | undefined> {
    const [webhook] = await this.findMany(manager, [id]);
    return webhook;
  }

  /** The webhooks with these ids that exist, by name: the order NetBox's bulk operations process them in. */
  async findMany(manager: EntityManager, ids: readonly number[]): Promise<StoredWebhook[]> {
    const known = ids.filter((id) => Number.isSafeInteger(id) && id > 0);
    if (known.length === 0) return [];
    const rows = await this.select(manager)
      .where('w.id = ANY(:ids)', { ids: known })
      .orderBy('w.name', 'ASC')
      .getRawMany<WebhookRow>();
    return rows.map(toWebhook);
  }

  /** Ids for new webhooks, ascending, taken from the table's sequence. */
  async nextIds(manager: EntityManager, count: number): Promise<number[]> {
    const rows: Array<{ id: string }> = await manager.query(
      `SELECT nextval(pg_get_serial_sequence($1, 'id')) AS "id" FROM generate_series(1, $2)`,
      [`"${this.schema}"."webhooks"`, count],
    );
    return rows.map((row) => Number(row.id));
  }

  /**
   * Writes the webhook's row as it is after a change: inserted when new, else replaced. A concurrent
   * webhook with the same name or URL and flags fails it on that constraint (`23505`, mapped to the 400
   * validation gives; see `WebhookRepository`).
   */
  async save(manager: EntityManager, webhook: StoredWebhook): Promise<void> {
    const placeholders = WRITTEN_COLUMNS.map((column, index) => `$${index + 1}${castOf(column)}`);
    const assignments = WRITTEN_COLUMNS.slice(1).map(
      (column) => `${quoted(column)} = EXCLUDED.${quoted(column)}`,
    );
    await manager.query(
      `INSERT INTO ${this.table()} (${WRITTEN_COLUMNS.map(quoted).join(', ')}) VALUES (${placeholders.join(', ')})
       ON CONFLICT ("id") DO UPDATE SET ${assignments.join(', ')}`,
      columnValues(webhook),
    );
  }

  async delete(manager: EntityManager, id: number): Promise<void> {
    await manager.query(`DELETE FROM ${this.table()} WHERE "id" = $1`, [id]);
  }

  /** The uniqueness lookups of validation, inside the caller's transaction. */
  existing(manager: EntityManager): ExistingWebhooks {
    return {
      withNames: async (names) => {
        const rows: Array<{ id: string; name: string }> = await manager.query(
          `SELECT "id", "name" FROM ${this.table()} WHERE "name" = ANY($1)`,
          [names],
        );
        return rows.map((row) => ({ id: Number(row.id), name: row.name }));
      },
      withPayloadUrls: async (urls) => {
        const rows: Array<Omit<UrlAndTypes, 'id'> & { id: string }> = await manager.query(
          `SELECT "id", "payload_url", "type_create", "type_update", "type_delete"
           FROM ${this.table()} WHERE "payload_url" = ANY($1)`,
          [urls],
        );
        return rows.map((row) => ({ ...row, id: Number(row.id) }));
      },
    };
  }

  private select(manager: EntityManager): SelectQueryBuilder<WebhookRow> {
    return manager
      .createQueryBuilder()
      .select('w.*')
      .addSelect(epochMicros('w.created'), 'created_us')
      .addSelect(epochMicros('w.last_updated'), 'last_updated_us')
      .from(`${this.schema}.webhooks`, 'w') as SelectQueryBuilder<WebhookRow>;
  }

  private table(): string {
    return `"${this.schema}"."webhooks"`;
  }
}

function epochMicros(column: string): string {
  return `(extract(epoch FROM ${column}) * 1000000)::bigint`;
}

function quoted(column: string): string {
  return `"${column}"`;
}

function castOf(column: (typeof WRITTEN_COLUMNS)[number]): string {
  if (column === 'conditions' || column === 'event_rule') return '::jsonb';
  if (column === 'created' || column === 'last_updated') return '::timestamptz';
  if (column === 'secret_rotated_at' || column === 'previous_secret_expires') return '::timestamptz';
  return '';
}

function columnValues(webhook: StoredWebhook): unknown[] {
  return WRITTEN_COLUMNS.map((column) => {
    switch (column) {
      case 'conditions':
        // JSON null is stored as SQL NULL; anything else as its JSON text (pg would turn arrays into
        // PostgreSQL arrays).
        return webhook.conditions === null ? null : JSON.stringify(webhook.conditions);
      case 'event_rule':
        return webhook.event_rule === null ? null : JSON.stringify(webhook.event_rule);
      case 'created':
        return timestampText(webhook.created);
      case 'last_updated':
        return timestampText(webhook.lastUpdated);
      default:
        return webhook[column];
    }
  });
}

function timestampText(time: PreciseTime): string {
  return netboxTimestamp(time.date, time.micros);
}

function toWebhook(row: WebhookRow): StoredWebhook {
  return {
    ...settingsOf(row),
    previous_secret: row.previous_secret,
    secret_rotated_at: row.secret_rotated_at,
    previous_secret_expires: row.previous_secret_expires,
    disabled_reason: row.disabled_reason,
    id: Number(row.id),
    version: row.version,
    created: preciseTime(row.created_us),
    lastUpdated: preciseTime(row.last_updated_us),
  };
}

function preciseTime(epochMicrosText: string): PreciseTime {
  const epochMicros = Number(epochMicrosText);
  return { date: new Date(Math.floor(epochMicros / 1000)), micros: epochMicros % 1_000_000 };
}
