import { ENVELOPE_EVENTS, JOB_EVENTS } from '@validity/contracts';
import {
  applyFilters,
  choiceFilter,
  dateTimeFilter,
  numberFilter,
  stringFilter,
  type Pagination,
  type QueryParams,
} from '@validity/platform/netbox-api';
import type { DataSource, SelectQueryBuilder } from 'typeorm';
import { DELIVERY_STATUSES, type DeliveryStatus } from '../delivery';
import { AttemptEntity } from './attempt.entity';
import { DeliveryEntity } from './delivery.entity';
import { EventEntity } from './event.entity';

/** A delivery as the log shows it: the row and its event's identity. */
export interface DeliveryLogEntry {
  id: number;
  webhookId: number;
  messageId: string;
  eventId: string;
  event: string;
  objectType: string;
  objectId: string | null;
  requestId: string | null;
  status: DeliveryStatus;
  attemptCount: number;
  nextAttemptAt: Date | null;
  lastError: string | null;
  created: Date;
  lastUpdated: Date;
}

const FILTERS = {
  id: numberFilter('d.id'),
  webhook_id: numberFilter('d.webhook_id'),
  status: choiceFilter('d.status', DELIVERY_STATUSES),
  message_id: stringFilter('d.message_id'),
  event_id: stringFilter('d.event_id'),
  event: choiceFilter('e.event', [...ENVELOPE_EVENTS, ...JOB_EVENTS]),
  object_type: stringFilter('e.object_type'),
  object_id: stringFilter('e.object_id'),
  created: dateTimeFilter('d.created'),
  last_updated: dateTimeFilter('d.last_updated'),
};

const COLUMNS: ReadonlyArray<[string, keyof DeliveryLogEntry]> = [
  ['d.id', 'id'],
  ['d.webhook_id', 'webhookId'],
  ['d.message_id', 'messageId'],
  ['d.event_id', 'eventId'],
  ['e.event', 'event'],
  ['e.object_type', 'objectType'],
  ['e.object_id', 'objectId'],
  ['e.request_id', 'requestId'],
  ['d.status', 'status'],
  ['d.attempt_count', 'attemptCount'],
  ['d.next_attempt_at', 'nextAttemptAt'],
  ['d.last_error', 'lastError'],
  ['d.created', 'created'],
  ['d.last_updated', 'lastUpdated'],
];

/**
 * The delivery log's reads (part of the store: it owns these tables). NetBox filters map onto a
 * TypeORM query builder here, because the shared filter layer speaks that builder; every write goes
 * through `DeliveryStore`.
 */
export class DeliveryLogReader {
  constructor(private readonly dataSource: DataSource) {}

  /** Whether a query parameter is one of the log's filters (with or without a lookup). */
  static isFilter(parameter: string): boolean {
    return Object.hasOwn(FILTERS, parameter.split('__')[0]);
  }

  async list(query: QueryParams, page: Pagination): Promise<{ count: number; results: DeliveryLogEntry[] }> {
    const builder = this.filtered(query);
    const count = await builder.getCount();
    const rows = await selectColumns(builder)
      .orderBy('d.id', 'DESC')
      .offset(page.offset)
      .limit(page.limit)
      .getRawMany();
    return { count, results: rows.map(toEntry) };
  }

  async get(id: number): Promise<DeliveryLogEntry | undefined> {
    if (!Number.isSafeInteger(id)) return undefined;
    const row = await selectColumns(this.filtered({})).where('d.id = :id', { id }).getRawOne();
    return row ? toEntry(row) : undefined;
  }

  /**
   * A delivery's attempts, oldest first, each with the body it sent: an attempt that sent its event's
   * body as stored keeps no copy (`request_body_from_event`), so it is read from the event here.
   */
  async attempts(deliveryId: number): Promise<AttemptEntity[]> {
    const { entities, raw } = await this.dataSource
      .getRepository(AttemptEntity)
      .createQueryBuilder('a')
      .leftJoin(DeliveryEntity, 'd', 'a.request_body_from_event AND d.id = a.delivery_id')
      .leftJoin(EventEntity, 'e', 'e.event_id = d.event_id')
      .addSelect(`convert_from(e.body, 'UTF8')`, 'event_body')
      .where('a.delivery_id = :deliveryId', { deliveryId: String(deliveryId) })
      .orderBy('a.number', 'ASC')
      .addOrderBy('a.id', 'ASC')
      .getRawAndEntities<{ event_body: string | null }>();
    return entities.map((attempt, index) => {
      if (attempt.requestBodyFromEvent) attempt.requestBody = raw[index].event_body;
      return attempt;
    });
  }

  /** The ids the filters select, as a sub-select and its parameters (for `DeliveryStore.redeliver`). */
  selection(query: QueryParams): [string, unknown[]] {
    return this.filtered(query).select('d.id').getQueryAndParameters();
  }

  private filtered(query: QueryParams): SelectQueryBuilder<DeliveryEntity> {
    const builder = this.dataSource
      .getRepository(DeliveryEntity)
      .createQueryBuilder('d')
      .innerJoin(EventEntity, 'e', 'e.event_id = d.event_id');
    return applyFilters(builder, FILTERS, query);
  }
}

function selectColumns(builder: SelectQueryBuilder<DeliveryEntity>): SelectQueryBuilder<DeliveryEntity> {
  const [[firstColumn, firstAlias], ...rest] = COLUMNS;
  builder.select(firstColumn, firstAlias);
  for (const [column, alias] of rest) builder.addSelect(column, alias);
  return builder;
}

function toEntry(row: Record<string, unknown>): DeliveryLogEntry {
  return { ...(row as unknown as DeliveryLogEntry), id: Number(row.id) };
}
