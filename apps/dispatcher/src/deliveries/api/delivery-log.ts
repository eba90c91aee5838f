import { ENVELOPE_EVENTS } from '@validity/contracts';
import {
  applyFilters,
  choiceFilter,
  ConflictError,
  dateTimeFilter,
  NetBoxValidationError,
  NotFoundError,
  numberFilter,
  stringFilter,
  type Pagination,
  type QueryParams,
} from '@validity/platform/netbox-api';
import type { DataSource, SelectQueryBuilder } from 'typeorm';
import { DELIVERY_STATUSES, type DeliveryStatus } from '../delivery';
import { AttemptEntity } from '../store/attempt.entity';
import { DeliveryEntity } from '../store/delivery.entity';
import { EventEntity } from '../store/event.entity';
import type { SqlClient } from '../store/sql-client';
import type { DeliveryScheduler } from '../worker/delivery-scheduler';

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
  event: choiceFilter('e.event', ENVELOPE_EVENTS),
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

/** Only finished deliveries are sent again: a pending or retrying one is already on its way. */
const REDELIVERABLE = `status IN ('delivered', 'failed')`;

/**
 * The delivery log's use cases: NetBox-style filtered listing, one delivery with its attempts, and
 * sending finished deliveries again. A redelivery keeps the delivery's `webhook-id` and starts a fresh
 * retry schedule; it is picked up by the scheduler at once.
 */
export class DeliveryLog {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sql: SqlClient,
    private readonly scheduler: DeliveryScheduler,
  ) {}

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

  async get(id: number): Promise<DeliveryLogEntry> {
    const row = Number.isSafeInteger(id)
      ? await selectColumns(this.filtered({})).where('d.id = :id', { id }).getRawOne()
      : undefined;
    if (!row) throw new NotFoundError();
    return toEntry(row);
  }

  attempts(deliveryId: number): Promise<AttemptEntity[]> {
    return this.dataSource
      .getRepository(AttemptEntity)
      .find({ where: { deliveryId: String(deliveryId) }, order: { number: 'ASC', id: 'ASC' } });
  }

  async redeliver(id: number): Promise<DeliveryLogEntry> {
    const entry = await this.get(id);
    const [restarted] = await this.sql.rows<{ webhook_id: number }>(
      `${this.restart()} WHERE id = $1 AND ${REDELIVERABLE} RETURNING webhook_id`,
      [id],
    );
    if (!restarted)
      throw new ConflictError(
        `This delivery is ${entry.status}; only delivered or failed ones are redelivered.`,
      );
    this.scheduler.noteBacklog(restarted.webhook_id);
    return this.get(id);
  }

  /** Redelivers every finished delivery matching the filters; returns how many. */
  async replay(query: QueryParams): Promise<number> {
    if (!Object.keys(query).some((parameter) => isFilter(parameter))) {
      throw new NetBoxValidationError({
        __all__: [
          'Give at least one filter (e.g. webhook_id, status, created__gte) to choose what to replay.',
        ],
      });
    }
    const [selection, parameters] = this.filtered(query).select('d.id').getQueryAndParameters();
    const restarted = await this.sql.rows<{ webhook_id: number }>(
      `${this.restart()} WHERE id IN (${selection}) AND ${REDELIVERABLE} RETURNING webhook_id`,
      parameters,
    );
    for (const webhookId of new Set(restarted.map((row) => row.webhook_id)))
      this.scheduler.noteBacklog(webhookId);
    return restarted.length;
  }

  private restart(): string {
    return `UPDATE ${this.sql.table('deliveries')}
            SET status = 'pending', next_attempt_at = now(), retry_base = attempt_count, last_error = NULL,
                failure_reason = NULL, dead_lettered = false, last_updated = now()`;
  }

  private filtered(query: QueryParams): SelectQueryBuilder<DeliveryEntity> {
    const builder = this.dataSource
      .getRepository(DeliveryEntity)
      .createQueryBuilder('d')
      .innerJoin(EventEntity, 'e', 'e.event_id = d.event_id');
    return applyFilters(builder, FILTERS, query);
  }
}

function isFilter(parameter: string): boolean {
  return Object.hasOwn(FILTERS, parameter.split('__')[0]);
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
