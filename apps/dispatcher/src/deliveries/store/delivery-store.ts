import type { NetBoxEnvelope } from '@validity/contracts';
import {
  messageIdOf,
  messageIdSql,
  type ClaimedDelivery,
  type DeliveryStatus,
  type FailureReason,
  type IncomingEvent,
  type UnstoredDelivery,
} from '../delivery';
import {
  DELIVERY_LIFECYCLE,
  statusAllows,
  statusAllowsByExclusion,
  type DeliveryTransition,
} from '../domain/delivery-lifecycle';
import type { SqlClient } from '../../storage/sql-client';
import type { RecoverableDeliveries, RecoveredRow } from '../../auto-disable/domain/recoverable-deliveries';

/** A delivery the intake decided on. */
export interface PlannedDelivery {
  eventId: string;
  webhookId: number;
  /** Set for a delivery that fails at once (its conditions could not be evaluated). */
  failure: { reason: FailureReason; error: string } | null;
  /** Set: store it claimed by this instance, with this lease (the engine promised it room). */
  claimLeaseSeconds?: number | null;
  /**
   * The webhook keeps order per object (`ordering: "per_object"`): the row carries its object's key, the
   * only thing `deliveries_unfinished_by_object` indexes. Other rows carry none, so they cost that
   * index no entry on every write (docs/performance.md, round seven).
   */
  perObject?: boolean;
  /** When the delivery came to be, if before this insert (it was handed over before it had a row). */
  created?: Date;
  /**
   * Due, and one of many of its webhook's in this batch (a receiver that is behind): stored in the
   * webhook's one `batched_deliveries` row for this insert, not as a row of its own (see `unbatchFor`,
   * `unbatchAll`).
   */
  batched?: boolean;
}

export interface InsertedDelivery {
  id: number;
  eventId: string;
  webhookId: number;
  /** `pending` (due now, or claimed) or `failed` (failed at once). */
  status: DeliveryStatus;
  /** Stored claimed by this instance: attempt 1, leased (see `PlannedDelivery.claimLeaseSeconds`). */
  claimed: boolean;
}

/** A webhook that is disabled, and since when (its definition's `last_updated`). */
export interface DisabledWebhook {
  webhookId: number;
  since: Date;
  /** Why the system disabled it (issue 18); '' when a client did. */
  reason: string;
}

/** Slots a worker offers one webhook in a claim. */
export interface ClaimOffer {
  webhookId: number;
  slots: number;
  leaseSeconds: number;
  /** `ordering: "per_object"`: only each object's oldest waiting delivery, none while one is held. */
  perObject?: boolean;
}

/** The result of one attempt, as the worker hands it to the store. */
export interface AttemptRecord {
  deliveryId: number;
  webhookId: number;
  attemptNumber: number;
  started: Date;
  durationMs: number;
  statusCode: number | null;
  responseBody: string | null;
  /** Why there is no usable answer (network, timeout, template...), for the attempt row. */
  error: string | null;
  /** The headers sent, secrets masked (`loggedRequest`); null when nothing was sent. */
  requestHeaders: Record<string, string> | null;
  /** The start of the body sent; null when nothing was sent, or when `requestBodyIsEvent`. */
  requestBody: string | null;
  /** The body sent was the event's as stored, whole: not copied, the log reads it from `events`. */
  requestBodyIsEvent: boolean;
  /** `cancelled` when the webhook was disabled while the attempt was in flight and it would retry. */
  status: Exclude<DeliveryStatus, 'pending'>;
  retryInSeconds: number | null;
  /** The delivery's summary of what went wrong, `null` once delivered. */
  lastError: string | null;
  failureReason: FailureReason | null;
  /** Set while the delivery has no row: the recorder writes the row with this outcome. */
  unstored?: UnstoredDelivery;
}

/** The outcome of a first attempt made before its delivery had a row, with what the row is made of. */
export interface FirstAttemptRecord {
  record: AttemptRecord;
  event: IncomingEvent;
  webhookId: number;
  /** When the delivery was handed over: the row's `created`. */
  created: Date;
}

export interface DeadLetterRow {
  id: string;
  webhook_id: number;
  message_id: string;
  attempt_count: number;
  failure_reason: FailureReason;
  last_error: string | null;
  event_id: string;
  event: string;
  object_type: string;
  object_id: string | null;
  body: Buffer;
}

interface ClaimedRow {
  id: string;
  webhook_id: number;
  message_id: string;
  attempt_count: number;
  retry_base: number;
  event_id: string;
  event: NetBoxEnvelope['event'];
  object_type: string;
  object_id: string | null;
  request_id: string | null;
  timestamp: Date | null;
  /** Null on all but one row of each event (see `claimDue`). */
  body: Buffer | null;
}

const DUE = statusAllows('claim');
/** Rows one claim takes at most, over all its offers (the engine's bound on a claim's memory). */
const MAX_CLAIM_ROWS = 2_000;
/** A claim that is in flight or queued: its lease (`next_attempt_at`) has not run out. */
const HELD = `leased AND next_attempt_at > now()`;
const SLICE = 10_000;
/**
 * Per-object order: an earlier delivery of the same object to the same webhook that still waits
 * (pending or retrying, claimed or not). While one exists the later one is not claimed, so one object
 * has at most one attempt in flight, a failing delivery holds only its own object's later ones, and
 * order is the intake's (a topic partition's, for one key).
 *
 * "Waits" is written by exclusion so that only `deliveries_unfinished_by_object` can serve this probe:
 * written like `DUE`, `deliveries_due` could too, and with statistics taken while nothing waited the
 * planner took it and read every waiting delivery of the webhook for each probe (docs/performance.md).
 */
function earlierOfSameObject(deliveries: string): string {
  return `SELECT 1 FROM ${deliveries} p
    WHERE p.webhook_id = d.webhook_id AND p.object_key = d.object_key
      AND p.${statusAllowsByExclusion('claim')} AND p.id < d.id`;
}

/**
 * The one owner of the `deliveries`, `events` and `attempts` tables: every statement that moves a
 * delivery is here, and each takes its allowed starting statuses from `DELIVERY_LIFECYCLE`. Every
 * statement is set-based (arrays in, rows out) and is one round trip, so one Kafka batch, one claim of
 * hundreds of deliveries or one flush of hundreds of outcomes costs one round trip whatever its size.
 */
export class DeliveryStore implements RecoverableDeliveries {
  /**
   * Events this store has written a row for: a first attempt's statement leaves them out. An event whose
   * deliveries are written by several statements (another webhook's stored at intake, another flush)
   * would otherwise meet its own row again in each, and a conflict locks the row (a WAL record each).
   */
  private readonly writtenEvents = new WeakSet<IncomingEvent>();
  /**
   * Events an `insertPlanned` statement in flight is writing. A first attempt's statement waits for it
   * rather than inserting the same events beside it: two statements inserting overlapping keys in
   * different orders can deadlock, and the batch's statement may be the one PostgreSQL cancels.
   */
  private readonly eventsBeingWritten = new WeakMap<IncomingEvent, Promise<unknown>>();
  /** Webhooks this instance stored batched deliveries of, until a claim finds none of theirs left. */
  private readonly batchedWebhooks = new Set<number>();

  constructor(private readonly sql: SqlClient) {}

  /**
   * Stores a batch's events and deliveries in one statement (one round trip, atomic: the events are
   * inserted by a CTE, and the deliveries' foreign keys are checked at the end of the statement). The
   * (event, webhook) pair is unique, so a record Kafka delivers twice inserts nothing the second time;
   * only new rows are returned. A delivery with `claimLeaseSeconds` is stored already claimed by this
   * instance (attempt 1 counted, leased like a claim of `claimDue`): the engine sends it from memory, no
   * claim statement needed. The others are due at once: the engine claims them when signalled.
   *
   * Deliveries marked `batched` go into one `batched_deliveries` row per webhook (its event ids), in the
   * same statement, and are not returned: they become rows when a claim, a read of the log, a disable or
   * a deletion needs them (`unbatchFor`, `unbatchAll`, `cancelWaiting`, `failOrphans`).
   *
   * The rows go in as two JSON parameters and the bodies as one binary parameter (each event names its
   * slice): node-postgres would otherwise escape every element of a dozen array parameters, and every
   * body twice over as hex text, which cost more CPU than the rest of the batch.
   */
  async insertPlanned(events: IncomingEvent[], planned: PlannedDelivery[]): Promise<InsertedDelivery[]> {
    const sql = this.sql;
    const objectKeys = new Map(events.map((event) => [event.eventId, objectKeyOf(event)]));
    const batches = new Map<number, string[]>();
    const deliveries: PlannedDelivery[] = [];
    for (const delivery of planned) {
      if (!delivery.batched) {
        deliveries.push(delivery);
        continue;
      }
      const eventIds = batches.get(delivery.webhookId) ?? [];
      eventIds.push(delivery.eventId);
      batches.set(delivery.webhookId, eventIds);
    }
    const deliveryRows = deliveries.map((delivery) => ({
      event_id: delivery.eventId,
      webhook_id: delivery.webhookId,
      message_id: messageIdOf(delivery.eventId, delivery.webhookId),
      error: delivery.failure?.error ?? null,
      failure_reason: delivery.failure?.reason ?? null,
      object_key: delivery.perObject ? (objectKeys.get(delivery.eventId) ?? null) : null,
      claim_lease: delivery.failure ? null : (delivery.claimLeaseSeconds ?? null),
      created: delivery.created ?? null,
    }));
    const statement = sql.rows<{
      id: string;
      event_id: string;
      webhook_id: number;
      status: DeliveryStatus;
      attempt_count: number;
    }>(
      `WITH ${this.insertEvents('$1', '$2')}, batched AS (
         INSERT INTO ${sql.table('batched_deliveries')} (webhook_id, event_ids, size)
         SELECT b.webhook_id, b.event_ids, cardinality(b.event_ids)
         FROM json_to_recordset($4::json) AS b(webhook_id int, event_ids text[])
       )
       INSERT INTO ${sql.table('deliveries')}
         (event_id, webhook_id, message_id, status, next_attempt_at, last_error, failure_reason, object_key,
          attempt_count, leased, created)
       SELECT t.event_id, t.webhook_id, t.message_id,
              CASE WHEN t.failure_reason IS NULL THEN 'pending' ELSE 'failed' END,
              CASE WHEN t.failure_reason IS NOT NULL THEN NULL
                   WHEN t.claim_lease IS NULL THEN now()
                   ELSE now() + make_interval(secs => t.claim_lease) END,
              t.error, t.failure_reason, t.object_key,
              CASE WHEN t.claim_lease IS NULL THEN 0 ELSE 1 END, t.claim_lease IS NOT NULL,
              COALESCE(t.created, now())
       FROM json_to_recordset($3::json) AS t(event_id text, webhook_id int, message_id text, error text,
            failure_reason text, object_key text, claim_lease float8, created timestamptz)
       ON CONFLICT (event_id, webhook_id) DO NOTHING
       RETURNING id, event_id, webhook_id, status, attempt_count`,
      [
        ...eventParameters(events),
        postgresJson(deliveryRows),
        postgresJson(
          [...batches].map(([webhookId, eventIds]) => ({ webhook_id: webhookId, event_ids: eventIds })),
        ),
      ],
    );
    for (const event of events) this.eventsBeingWritten.set(event, statement);
    let inserted;
    try {
      inserted = await statement;
    } finally {
      for (const event of events) this.eventsBeingWritten.delete(event);
    }
    for (const event of events) this.writtenEvents.add(event);
    for (const webhookId of batches.keys()) this.batchedWebhooks.add(webhookId);
    return inserted.map((row) => ({
      id: Number(row.id),
      eventId: row.event_id,
      webhookId: row.webhook_id,
      status: row.status,
      claimed: row.attempt_count > 0,
    }));
  }

  /**
   * Stores deliveries the engine attempted before they had a row (the intake handed them over straight
   * from the Kafka batch): each delivery is written once, with its first attempt's outcome, together
   * with its event and the attempt, in one statement. A delivery whose row was written meanwhile (the
   * engine stored it claimed because its attempt took long) gets the outcome as `recordAttempts` would
   * write it, fenced the same way; if a newer claim holds that row, the attempt is only logged.
   */
  async recordFirstAttempts(records: readonly FirstAttemptRecord[]): Promise<void> {
    if (records.length === 0) return;
    await this.eventsWritten(records.map(({ event }) => event));
    const events = [
      ...new Map(
        records
          .filter(({ event }) => !this.writtenEvents.has(event))
          .map(({ event }) => [event.eventId, event]),
      ).values(),
    ];
    const deliveries = this.sql.table('deliveries');
    await this.sql.rows(
      `WITH results AS MATERIALIZED (
         SELECT r.*, ${fromEpochMs('r.created_ms')} AS created, ${fromEpochMs('r.started_ms')} AS started
         FROM json_to_recordset($3::json)
           AS r(event_id text, webhook_id int, message_id text, created_ms float8, number int, started_ms float8,
                duration_ms int, status_code int, response_body text, error text, status text, retry_in float8,
                last_error text, failure_reason text, request_headers json, request_body text,
                request_body_from_event bool)
       ), ${this.insertEvents('$1', '$2')}, written AS (
         INSERT INTO ${deliveries} AS d
           (event_id, webhook_id, message_id, status, next_attempt_at, last_error, failure_reason,
            attempt_count, leased, created)
         SELECT r.event_id, r.webhook_id, r.message_id, r.status,
                CASE WHEN r.retry_in IS NULL THEN NULL ELSE now() + make_interval(secs => r.retry_in) END,
                r.last_error, r.failure_reason, r.number, false, r.created
         FROM results r
         ON CONFLICT (event_id, webhook_id) DO UPDATE
         SET status = excluded.status, next_attempt_at = excluded.next_attempt_at,
             last_error = excluded.last_error, failure_reason = excluded.failure_reason, last_updated = now(),
             leased = false
         WHERE d.attempt_count = excluded.attempt_count AND ${statusAllows('deliver', 'd.status')}
         RETURNING d.id, d.event_id, d.webhook_id
       )
       -- A row this statement did not write (stored claimed meanwhile, and claimed again by a newer
       -- claim) still gets the attempt logged: looked up only for those (COALESCE stops at the first
       -- value that is not null).
       INSERT INTO ${this.sql.table('attempts')}
         (delivery_id, number, started, duration_ms, status_code, response_body, error, request_headers,
          request_body, request_body_from_event)
       SELECT a.delivery_id, a.number, a.started, a.duration_ms, a.status_code, a.response_body, a.error,
              a.request_headers, a.request_body, a.request_body_from_event
       FROM (
         SELECT COALESCE(w.id, (SELECT d.id FROM ${deliveries} d
                                WHERE d.event_id = r.event_id AND d.webhook_id = r.webhook_id)) AS delivery_id,
                r.*
         FROM results r LEFT JOIN written w ON w.event_id = r.event_id AND w.webhook_id = r.webhook_id
       ) a
       WHERE a.delivery_id IS NOT NULL`,
      [
        ...eventParameters(events),
        postgresJson(
          records.map(({ record, event, webhookId, created }) => {
            const row = attemptColumns(record);
            row.event_id = event.eventId;
            row.webhook_id = webhookId;
            row.message_id = messageIdOf(event.eventId, webhookId);
            row.created_ms = created.getTime();
            return row;
          }),
        ),
      ],
    );
    for (const event of events) this.writtenEvents.add(event);
  }

  /**
   * Waits until no `insertPlanned` in flight is writing any of `events` (whether it succeeds or not: those
   * it wrote are then in `writtenEvents`, the others are written by the caller).
   */
  private async eventsWritten(events: readonly IncomingEvent[]): Promise<void> {
    const inFlight = new Set<Promise<unknown>>();
    for (const event of events) {
      const statement = this.eventsBeingWritten.get(event);
      if (statement) inFlight.add(statement);
    }
    if (inFlight.size > 0) await Promise.allSettled(inFlight);
  }

  /**
   * The CTE `new_events` that stores events given as `eventParameters` (rows, bodies) at `$rows`, `$bodies`.
   * An event stored again an hour or more later (a batch re-read long after) is young again for prune,
   * which rechecks the age on the row it deletes (retention is a day at least): no delivery stored now can
   * lose its event to a prune running beside this insert (there is no foreign key to hold the event). A
   * younger one is left as it is: an event whose deliveries are written by several statements (another
   * webhook's delivery stored at intake, another flush) would otherwise get a new row version, body and
   * all, per statement (round sixteen: isolation 0.85 against 0.98).
   */
  private insertEvents(rows: string, bodies: string): string {
    return `new_events AS (
         INSERT INTO ${this.sql.table('events')} AS stored
           (event_id, event, object_type, object_id, request_id, timestamp, body, topic, partition, "offset")
         SELECT e.event_id, e.event, e.object_type, e.object_id, e.request_id, e.timestamp,
                substring(${bodies}::bytea FROM e.body_start FOR e.body_length), e.topic, e.partition, e."offset"
         FROM json_to_recordset(${rows}::json) AS e(event_id text, event text, object_type text, object_id text,
              request_id text, timestamp timestamptz, body_start int, body_length int, topic text,
              partition int, "offset" bigint)
         ON CONFLICT (event_id) DO UPDATE SET received_at = now()
         WHERE stored.received_at < now() - interval '1 hour'
       )`;
  }

  /**
   * Claims due deliveries in bulk, at most `slots` per webhook, oldest first. `SKIP LOCKED` lets
   * instances claim side by side without waiting on or taking each other's rows; the claim moves
   * `next_attempt_at` past the lease, so a claim outlives a crash only by the lease, and counts the
   * attempt (`attempt_count`), which fences every later write of this claim. At most `maxRows` rows in
   * all, taken in the order of the offers. Batched deliveries of the offered webhooks become rows first
   * (`unbatchFor`; `everyOffer` false: only of webhooks this instance batched for).
   */
  async claimDue(
    offers: readonly ClaimOffer[],
    maxRows = MAX_CLAIM_ROWS,
    everyOffer = true,
  ): Promise<ClaimedDelivery[]> {
    if (offers.length === 0) return [];
    await this.unbatchFor(offers, everyOffer);
    const deliveries = this.sql.table('deliveries');
    const claimed = await this.sql.rows<ClaimedRow>(
      `WITH picked AS (
         SELECT due.id, o.lease
         FROM unnest($1::int[], $2::int[], $3::float8[], $4::bool[]) AS o(webhook_id, slots, lease, per_object)
         CROSS JOIN LATERAL (
           SELECT d.id FROM ${deliveries} d
           WHERE d.webhook_id = o.webhook_id AND d.${DUE} AND d.next_attempt_at <= now()
             AND (NOT o.per_object OR d.object_key IS NULL OR NOT EXISTS (${earlierOfSameObject(deliveries)}))
           ORDER BY d.next_attempt_at
           LIMIT o.slots
           FOR UPDATE SKIP LOCKED
         ) due
         LIMIT $5
       ), claimed AS (
         UPDATE ${deliveries} d
         SET attempt_count = d.attempt_count + 1, next_attempt_at = now() + make_interval(secs => p.lease),
             leased = true
         FROM picked p WHERE d.id = p.id
         RETURNING d.id, d.webhook_id, d.message_id, d.attempt_count, d.retry_base, d.event_id
       )
       -- An event's body once per claim, however many of its deliveries are claimed (a fan-out to
       -- 10,000 webhooks would otherwise read and hold the same bytes 10,000 times).
       SELECT c.*, e.event, e.object_type, e.object_id, e.request_id, e.timestamp,
              CASE WHEN row_number() OVER (PARTITION BY c.event_id ORDER BY c.id) = 1 THEN e.body END AS body
       FROM claimed c JOIN ${this.sql.table('events')} e ON e.event_id = c.event_id`,
      [
        arrayLiteral(offers, (offer) => offer.webhookId),
        arrayLiteral(offers, (offer) => offer.slots),
        arrayLiteral(offers, (offer) => offer.leaseSeconds),
        arrayLiteral(offers, (offer) => offer.perObject === true),
        maxRows,
      ],
    );
    const bodies = new Map<string, Buffer>();
    for (const row of claimed) if (row.body !== null) bodies.set(row.event_id, row.body);
    return claimed.map((row) => ({
      id: Number(row.id),
      webhookId: row.webhook_id,
      messageId: row.message_id,
      attemptNumber: row.attempt_count,
      retryBase: row.retry_base,
      event: {
        eventId: row.event_id,
        event: row.event,
        objectType: row.object_type,
        objectId: row.object_id,
        requestId: row.request_id,
        timestamp: row.timestamp?.toISOString() ?? '',
        body: bodies.get(row.event_id)!,
      },
    }));
  }

  /**
   * Turns the offered webhooks' oldest batched deliveries into due rows, about as many as each offer has
   * slots for (whole batch rows: a slow receiver's backlog becomes rows as fast as it is sent, not as it
   * arrives). Each batch row's deliveries are due as of its creation, so they are claimed after the
   * webhook's older due rows and before newer ones. Offers of webhooks this instance did not batch for
   * are looked at only with `everyOffer` (the engine's once-a-second pass: another instance may have
   * batched for them, and stopped), so a signalled claim costs no statement more while nothing is batched.
   */
  private async unbatchFor(offers: readonly ClaimOffer[], everyOffer: boolean): Promise<void> {
    // Per-object webhooks are never batched: their claim reads each object's order from the rows.
    const wanted = offers.filter(
      (offer) => !offer.perObject && (everyOffer || this.batchedWebhooks.has(offer.webhookId)),
    );
    if (wanted.length === 0) return;
    const batched = this.sql.table('batched_deliveries');
    const rows = await this.sql.rows<{ webhook_id: number }>(
      `WITH picked AS (
         SELECT b.id
         FROM (SELECT id, webhook_id, sum(size) OVER (PARTITION BY webhook_id ORDER BY id) - size AS before
               FROM ${batched}) b
         JOIN unnest($1::int[], $2::int[]) AS o(webhook_id, slots) ON o.webhook_id = b.webhook_id
         WHERE b.before < o.slots
       ), taken AS (
         DELETE FROM ${batched} WHERE id IN (SELECT id FROM picked) RETURNING webhook_id, event_ids, created
       ), unbatched AS (
         ${this.rowsOfBatches('taken', DUE_AS_BATCHED)}
       )
       SELECT DISTINCT webhook_id FROM taken`,
      [arrayLiteral(wanted, (offer) => offer.webhookId), arrayLiteral(wanted, (offer) => offer.slots)],
    );
    const unbatched = new Set(rows.map((row) => row.webhook_id));
    for (const { webhookId } of wanted)
      if (unbatched.has(webhookId)) this.batchedWebhooks.add(webhookId);
      else this.batchedWebhooks.delete(webhookId);
  }

  /**
   * Turns every batched delivery into its row, due as of its batch's creation: the delivery log lists,
   * counts and filters rows, and shows every waiting delivery with the id it keeps. Waits for a claim
   * unbatching the same batch rows (they are then rows already).
   */
  async unbatchAll(): Promise<void> {
    await this.sql.rows(
      `WITH taken AS (
         DELETE FROM ${this.sql.table('batched_deliveries')} RETURNING webhook_id, event_ids, created
       ), unbatched AS (
         ${this.rowsOfBatches('taken', DUE_AS_BATCHED)}
       )
       SELECT 1`,
    );
  }

  /**
   * The insert that makes a row per event of batch rows (a CTE `source`: webhook_id, event_ids, created),
   * due (`DUE_AS_BATCHED`) or ended (`endingOfDisabled`, `ENDING_OF_DELETED`), as SQL over them (the batch
   * row is `b`). A delivery that has a row already (its record was consumed twice) keeps it.
   */
  private rowsOfBatches(source: string, columns: WaitingRowColumns): string {
    return `INSERT INTO ${this.sql.table('deliveries')}
           (event_id, webhook_id, message_id, status, next_attempt_at, last_error, failure_reason, created)
         SELECT e.event_id, b.webhook_id, ${messageIdSql('e.event_id', 'b.webhook_id')}, ${columns.status},
                ${columns.nextAttemptAt}, ${columns.lastError}, ${columns.failureReason}, b.created
         FROM ${source} b, unnest(b.event_ids) AS e(event_id)
         ON CONFLICT (event_id, webhook_id) DO NOTHING
         RETURNING status`;
  }

  /**
   * Stores attempts and moves their deliveries on. A delivery is only updated by its latest claim
   * (`attempt_count` = the attempt's number): an attempt that finished after its lease expired and the
   * delivery was claimed again is logged, but cannot overwrite the newer attempt's outcome.
   *
   * The deliveries are found by id, and only by id: their status condition compares with a column of
   * the (materialized) outcomes, so it is a join condition the planner cannot estimate from the table's
   * statistics. Written as a condition on the table alone, stale statistics made it read the backlog:
   * like `DUE` it matched `deliveries_due`'s predicate, and with that index estimated small the flush
   * read every waiting delivery through it (20,000 in the dispatch benchmark, about 35 of 55-90 µs of
   * PostgreSQL CPU per attempt); written by exclusion, statistics taken while nothing waited made it
   * look empty, and the flush read the whole table (docs/performance.md, rounds six and seven). The ids
   * are also given as an array, an index condition of the table's own: joined only with the outcomes
   * (a set-returning function, estimated at 100 rows), a young table of a few thousand deliveries was
   * read whole for a flush of four (round twelve).
   */
  async recordAttempts(records: readonly AttemptRecord[]): Promise<void> {
    if (records.length === 0) return;
    // One JSON parameter, not thirteen arrays: see `insertPlanned`. `request_headers` stays a JSON
    // object inside it, so the attempt row keeps the headers in the order they were sent.
    await this.sql.rows(
      `WITH results AS MATERIALIZED (
         SELECT *, ${fromStatuses('deliver')} AS from_statuses FROM json_to_recordset($1::json)
           AS r(delivery_id bigint, number int, started_ms float8, duration_ms int, status_code int,
                response_body text, error text, status text, retry_in float8, last_error text,
                failure_reason text, request_headers json, request_body text, request_body_from_event bool)
       ), updated AS (
         UPDATE ${this.sql.table('deliveries')} d
         SET status = r.status,
             next_attempt_at = CASE WHEN r.retry_in IS NULL THEN NULL
                                    ELSE now() + make_interval(secs => r.retry_in) END,
             last_error = r.last_error, failure_reason = r.failure_reason, last_updated = now(),
             leased = false
         FROM results r
         WHERE d.id = ANY (ARRAY(SELECT delivery_id FROM results))
           AND d.id = r.delivery_id AND d.attempt_count = r.number AND d.status = ANY (r.from_statuses)
         RETURNING d.id
       )
       INSERT INTO ${this.sql.table('attempts')}
         (delivery_id, number, started, duration_ms, status_code, response_body, error, request_headers,
          request_body, request_body_from_event)
       SELECT delivery_id, number, ${fromEpochMs('started_ms')}, duration_ms, status_code, response_body, error,
              request_headers, request_body, request_body_from_event
       FROM results`,
      [
        postgresJson(
          records.map((record) => {
            const row = attemptColumns(record);
            row.delivery_id = record.deliveryId;
            return row;
          }),
        ),
      ],
    );
  }

  /**
   * Hands claims back unattempted (their webhook was disabled, their circuit opened, or they waited in
   * the claim-ahead queue past their lease): due again at once, the attempt not counted. A claim that
   * expired and was taken again meanwhile (`attempt_count` moved on) is left to its new owner. Found by
   * id only (also as an array), the status compared with a column of the claims, for the reasons given at
   * `recordAttempts`.
   */
  async release(claims: ReadonlyArray<Pick<ClaimedDelivery, 'id' | 'attemptNumber'>>): Promise<void> {
    if (claims.length === 0) return;
    await this.sql.rows(
      `WITH claims AS MATERIALIZED (
         SELECT *, ${fromStatuses('release')} AS from_statuses FROM unnest($1::bigint[], $2::int[]) AS c(id, number)
       )
       UPDATE ${this.sql.table('deliveries')} d
       SET attempt_count = d.attempt_count - 1, next_attempt_at = now(), leased = false
       FROM claims c
       WHERE d.id = ANY ($1::bigint[])
         AND d.id = c.id AND d.attempt_count = c.number AND d.status = ANY (c.from_statuses)`,
      [arrayLiteral(claims, (claim) => claim.id), arrayLiteral(claims, (claim) => claim.attemptNumber)],
    );
  }

  /**
   * Cancels what disabled webhooks still had waiting: deliveries created before the webhook was
   * disabled (a delivery created later was planned by an instance that saw it enabled again) and not
   * held by a claim (an attempt in flight finishes and is recorded; a retry it schedules is cancelled by
   * the worker or the next sweep). Returns how many were cancelled.
   */
  async cancelWaiting(disabled: readonly DisabledWebhook[]): Promise<{ cancelled: number; failed: number }> {
    if (disabled.length === 0) return { cancelled: 0, failed: 0 };
    // A webhook the system disabled (issue 18: 410 Gone, failing too long) has a reason: its waiting
    // deliveries end failed with it (`fail-unattempted`, the same starting statuses as `cancel`), so
    // `recover` finds them once it is enabled again; a client's disable cancels them.
    const [counts] = await this.sql.rows<{ cancelled: number; failed: number }>(
      `WITH w AS (
         SELECT * FROM unnest($1::int[], $2::timestamptz[], $3::text[]) AS w(webhook_id, since, reason)
       ), ended AS (
         UPDATE ${this.sql.table('deliveries')} d
         SET ${setListOf(endingOfDisabled('w.reason'))}, leased = false,
             last_updated = now()
         FROM w
         WHERE d.webhook_id = w.webhook_id AND ${statusAllows('cancel', 'd.status')}
           AND ${statusAllows('fail-unattempted', 'd.status')}
           AND d.created <= w.since AND NOT (d.${HELD})
         RETURNING d.status
       ), batches AS (
         DELETE FROM ${this.sql.table('batched_deliveries')} b USING w
         WHERE b.webhook_id = w.webhook_id AND b.created <= w.since
         RETURNING b.webhook_id, b.event_ids, b.created, w.reason
       ), unbatched AS (
         ${this.rowsOfBatches('batches', endingOfDisabled('b.reason'))}
       )
       SELECT count(*) FILTER (WHERE status = 'cancelled')::int AS cancelled,
              count(*) FILTER (WHERE status = 'failed')::int AS failed
       FROM (SELECT status FROM ended UNION ALL SELECT status FROM unbatched) AS e`,
      columns(disabled, [
        (webhook) => webhook.webhookId,
        (webhook) => webhook.since,
        (webhook) => webhook.reason,
      ]),
    );
    return counts;
  }

  /**
   * `POST /api/extras/webhooks/{id}/recover/` (issue 18): the webhook's deliveries created since `since`
   * that failed because of the receiver or were skipped while the webhook was disabled by the system,
   * pending again, each once (a concurrent or repeated recover finds them no longer failed), due in
   * their original order (`next_attempt_at` a microsecond apart, which is the order claims take), same
   * `webhook-id`, fresh retry schedule. Returns how many.
   */
  async recover(webhookId: number, since: Date, reasons: readonly FailureReason[]): Promise<number> {
    const deliveries = this.sql.table('deliveries');
    const [{ count }] = await this.sql.rows<{ count: number }>(
      `WITH locked AS (
         SELECT id FROM ${deliveries}
         WHERE webhook_id = $1 AND status = 'failed' AND created >= $2 AND failure_reason = ANY($3::text[])
         FOR UPDATE
       ), ordered AS (
         SELECT id, row_number() OVER (ORDER BY id) AS position FROM locked
       ), recovered AS (
         UPDATE ${deliveries} d
         SET status = 'pending', next_attempt_at = now() + make_interval(secs => o.position / 1000000.0),
             retry_base = d.attempt_count, last_error = NULL, failure_reason = NULL, dead_lettered = false,
             leased = false, last_updated = now(), recovering = true
         FROM ordered o WHERE d.id = o.id AND ${statusAllows('redeliver', 'd.status')}
         RETURNING 1
       )
       SELECT count(*)::int AS count FROM recovered`,
      [webhookId, since, reasons],
    );
    return count;
  }

  /**
   * Brings a retrying delivery's next attempt forward to now, unless an attempt of it is in flight.
   * Returns its webhook, or null when the delivery is not retrying or is being attempted.
   */
  async retryNow(id: number): Promise<{ webhookId: number } | null> {
    const [row] = await this.sql.rows<{ webhook_id: number }>(
      `UPDATE ${this.sql.table('deliveries')}
       SET next_attempt_at = now(), last_updated = now()
       WHERE id = $1 AND ${statusAllows('retry-now')} AND NOT (${HELD})
       RETURNING webhook_id`,
      [id],
    );
    return row ? { webhookId: row.webhook_id } : null;
  }

  /**
   * Sends finished deliveries again (`ids` or a sub-select of ids with its parameters): pending at once,
   * same `webhook-id`, a fresh retry schedule (`retry_base`), off the dead-letter list. Returns the
   * webhooks of the restarted deliveries, one entry per delivery.
   */
  async redeliver(selection: string, parameters: unknown[]): Promise<Array<{ webhookId: number }>> {
    const rows = await this.sql.rows<{ webhook_id: number }>(
      `UPDATE ${this.sql.table('deliveries')}
       SET status = 'pending', next_attempt_at = now(), retry_base = attempt_count, last_error = NULL,
           failure_reason = NULL, dead_lettered = false, leased = false, last_updated = now()
       WHERE id IN (${selection}) AND ${statusAllows('redeliver')}
       RETURNING webhook_id`,
      parameters,
    );
    return rows.map((row) => ({ webhookId: row.webhook_id }));
  }

  /**
   * Fails the waiting deliveries of webhooks that no longer exist. Rows younger than the grace period
   * are left alone: another instance may know a webhook created a moment ago that this one has not
   * read yet.
   */
  async failOrphans(knownWebhookIds: readonly number[], graceSeconds: number): Promise<number> {
    const [{ count }] = await this.sql.rows<{ count: number }>(
      `WITH failed AS (
         UPDATE ${this.sql.table('deliveries')}
         SET ${setListOf(ENDING_OF_DELETED)}, last_updated = now(), leased = false
         WHERE ${statusAllows('fail-unattempted')} AND NOT (webhook_id = ANY($1::int[]))
           AND created < now() - make_interval(secs => $2)
         RETURNING status
       ), batches AS (
         DELETE FROM ${this.sql.table('batched_deliveries')}
         WHERE NOT (webhook_id = ANY($1::int[])) AND created < now() - make_interval(secs => $2)
         RETURNING webhook_id, event_ids, created
       ), unbatched AS (
         ${this.rowsOfBatches('batches', ENDING_OF_DELETED)}
       )
       SELECT count(*)::int AS count FROM (SELECT status FROM failed UNION ALL SELECT status FROM unbatched) AS f`,
      [knownWebhookIds, graceSeconds],
    );
    return count;
  }

  /**
   * Publishes failed deliveries not yet on the dead-letter topic, at least once: rows are marked only
   * after `publish` resolved, in a transaction that keeps other instances off them meanwhile.
   */
  async publishDeadLetters(
    limit: number,
    publish: (rows: DeadLetterRow[]) => Promise<void>,
  ): Promise<number> {
    return this.sql.transaction(async (rows) => {
      const due = await rows<DeadLetterRow>(
        `SELECT d.id, d.webhook_id, d.message_id, d.attempt_count, d.failure_reason, d.last_error,
                e.event_id, e.event, e.object_type, e.object_id, e.body
         FROM ${this.sql.table('deliveries')} d JOIN ${this.sql.table('events')} e ON e.event_id = d.event_id
         WHERE d.status = 'failed' AND NOT d.dead_lettered
         ORDER BY d.id LIMIT $1
         FOR UPDATE OF d SKIP LOCKED`,
        [limit],
      );
      if (due.length === 0) return 0;
      await publish(due);
      await rows(
        `UPDATE ${this.sql.table('deliveries')} SET dead_lettered = true WHERE id = ANY($1::bigint[])`,
        [due.map((row) => row.id)],
      );
      return due.length;
    });
  }

  /**
   * Announces recovered deliveries once delivered (`validity-events.delivery.recovered`), at least once:
   * rows are marked only after `publish` resolved, as for dead letters.
   */
  async publishRecovered(limit: number, publish: (rows: RecoveredRow[]) => Promise<void>): Promise<number> {
    return this.sql.transaction(async (rows) => {
      const due = await rows<RecoveredRow>(
        `SELECT d.id, d.webhook_id, d.message_id, d.attempt_count, d.last_error, e.event_id, e.event,
                e.object_type
         FROM ${this.sql.table('deliveries')} d JOIN ${this.sql.table('events')} e ON e.event_id = d.event_id
         WHERE d.recovering AND d.status = 'delivered'
         ORDER BY d.id LIMIT $1
         FOR UPDATE OF d SKIP LOCKED`,
        [limit],
      );
      if (due.length === 0) return 0;
      await publish(due);
      await rows(
        `UPDATE ${this.sql.table('deliveries')} SET recovering = false WHERE id = ANY($1::bigint[])`,
        [due.map((row) => row.id)],
      );
      return due.length;
    });
  }

  /** Deliveries waiting for an attempt (pending or retrying, or batched), per webhook that has any. */
  async waitingByWebhook(): Promise<Map<number, number>> {
    const rows = await this.sql.rows<{ webhook_id: number; count: number }>(
      `SELECT webhook_id, sum(count)::int AS count FROM (
         SELECT webhook_id, count(*) AS count FROM ${this.sql.table('deliveries')} WHERE ${DUE} GROUP BY webhook_id
         UNION ALL
         SELECT webhook_id, sum(size) FROM ${this.sql.table('batched_deliveries')} GROUP BY webhook_id
       ) AS waiting GROUP BY webhook_id`,
    );
    return new Map(rows.map((row) => [row.webhook_id, row.count]));
  }

  /** Deliveries waiting for an attempt (batched ones too), and how long the oldest of them has existed. */
  async backlog(): Promise<{ count: number; oldestAgeSeconds: number }> {
    const [row] = await this.sql.rows<{ count: number; oldest: number | null }>(
      `SELECT sum(count)::int AS count, EXTRACT(EPOCH FROM now() - min(oldest))::float8 AS oldest FROM (
         SELECT count(*) AS count, min(created) AS oldest FROM ${this.sql.table('deliveries')} WHERE ${DUE}
         UNION ALL
         SELECT coalesce(sum(size), 0), min(created) FROM ${this.sql.table('batched_deliveries')}
       ) AS waiting`,
    );
    return { count: row.count, oldestAgeSeconds: row.oldest ?? 0 };
  }

  /**
   * Deletes attempts older than the retention, then finished deliveries (failed ones only once they are
   * dead-lettered) with their attempts, and events nothing refers to any more, in slices so no statement
   * holds locks long. The tables have no foreign keys (each cost every row a check), so the cascades are
   * here: a delivery's attempts go with it, and an event's age is checked on the row being deleted, which
   * the intake makes young again when it stores a delivery of it meanwhile (`insertPlanned`). Batch rows
   * name their events in an array no index serves, so events are kept back to an hour before the oldest
   * batch row: an event a batch row names was received at most an hour before it (`insertEvents`).
   */
  async prune(retentionDays: number): Promise<void> {
    const cutoff = 'now() - make_interval(days => $1)';
    const attempts = this.sql.table('attempts');
    const deliveries = this.sql.table('deliveries');
    const events = this.sql.table('events');
    const slices = [
      `WITH gone AS (
         DELETE FROM ${attempts} WHERE id IN (
           SELECT id FROM ${attempts} WHERE started < ${cutoff} LIMIT ${SLICE})
         RETURNING 1
       )`,
      `WITH gone AS (
         DELETE FROM ${deliveries} WHERE id IN (
           SELECT id FROM ${deliveries}
           WHERE ${statusAllows('prune')} AND (status <> 'failed' OR dead_lettered) AND last_updated < ${cutoff}
           LIMIT ${SLICE})
         RETURNING id
       ), their_attempts AS (
         DELETE FROM ${attempts} WHERE delivery_id IN (SELECT id FROM gone)
       )`,
      `WITH gone AS (
         DELETE FROM ${events} e WHERE e.received_at < ${cutoff} AND e.event_id IN (
           SELECT o.event_id FROM ${events} o
           WHERE o.received_at < ${cutoff}
             AND NOT EXISTS (SELECT 1 FROM ${deliveries} d WHERE d.event_id = o.event_id)
             AND o.received_at < (SELECT coalesce(min(created), 'infinity') - interval '1 hour'
                                  FROM ${this.sql.table('batched_deliveries')})
           LIMIT ${SLICE})
         RETURNING 1
       )`,
    ];
    for (const slice of slices) {
      let deleted: number;
      do deleted = await this.deleteSlice(slice, retentionDays);
      while (deleted === SLICE);
    }
  }

  /** Runs one slice (statements whose CTE `gone` returns a row per row deleted); returns how many. */
  private async deleteSlice(statement: string, retentionDays: number): Promise<number> {
    const [{ count }] = await this.sql.rows<{ count: number }>(
      `${statement} SELECT count(*)::int AS count FROM gone`,
      [retentionDays],
    );
    return count;
  }
}

/**
 * The columns a waiting delivery's row is written or updated with, as SQL over its row or its batch row
 * `b`: due again, or ended unattempted.
 */
interface WaitingRowColumns {
  status: string;
  nextAttemptAt: string;
  lastError: string;
  failureReason: string;
}

/** Batched deliveries made rows to be claimed: pending, due as of their batch row's creation. */
const DUE_AS_BATCHED: WaitingRowColumns = {
  status: `'pending'`,
  nextAttemptAt: 'b.created',
  lastError: 'NULL',
  failureReason: 'NULL',
};

/**
 * A disabled webhook's waiting deliveries, given the SQL of its disable reason: cancelled when a client
 * disabled it, failed with the reason when the system did (issue 18).
 */
function endingOfDisabled(reason: string): WaitingRowColumns {
  return {
    status: `CASE WHEN ${reason} = '' THEN 'cancelled' ELSE 'failed' END`,
    nextAttemptAt: 'NULL',
    lastError: `CASE WHEN ${reason} = '' THEN 'the webhook was disabled'
                     ELSE 'the webhook was disabled: ' || ${reason} END`,
    failureReason: `CASE WHEN ${reason} = '' THEN NULL ELSE 'webhook-disabled' END`,
  };
}

/** A deleted webhook's waiting deliveries. */
const ENDING_OF_DELETED: WaitingRowColumns = {
  status: `'failed'`,
  nextAttemptAt: 'NULL',
  lastError: `'the webhook was deleted'`,
  failureReason: `'webhook-deleted'`,
};

/** The SET list of an UPDATE of `deliveries` to these columns. */
function setListOf(columns: WaitingRowColumns): string {
  return `status = ${columns.status}, next_attempt_at = ${columns.nextAttemptAt}, failure_reason = ${columns.failureReason}, last_error = ${columns.lastError}`;
}

/**
 * The statuses a transition may start from, as a text[] constant for a column of a materialized CTE:
 * compared with it, the status is a join condition, never a filter the planner estimates on its own.
 */
function fromStatuses(transition: DeliveryTransition): string {
  return `'{${DELIVERY_LIFECYCLE[transition].from.join(',')}}'::text[]`;
}

/** The key per-object order goes by: the object's type and id (the topic key within its type). */
function objectKeyOf(event: IncomingEvent): string | null {
  return event.objectId === null ? null : `${event.objectType}:${event.objectId}`;
}

/**
 * One column of numbers or booleans as a PostgreSQL array literal (`{1,2,3}`), for `unnest`. Given a
 * JavaScript array, node-pg escapes and quotes every element: for the poll's claim, which offers every
 * webhook, that was 33-45 ms of CPU per pass with 10,000 webhooks (on this loaded machine); the literal
 * costs 3-6 ms.
 */
function arrayLiteral<T>(items: readonly T[], get: (item: T) => number | boolean): string {
  return `{${items.map(get).join(',')}}`;
}

/** Turns rows into one array per column, for `unnest`. */
function columns<T>(items: readonly T[], getters: Array<(item: T) => unknown>): unknown[][] {
  return getters.map((get) => items.map(get));
}

/** An attempt's outcome as the columns of the outcome statements' JSON rows. */
function attemptColumns(record: AttemptRecord): Record<string, unknown> {
  return {
    number: record.attemptNumber,
    started_ms: record.started.getTime(),
    duration_ms: record.durationMs,
    status_code: record.statusCode,
    response_body: record.responseBody,
    error: record.error,
    status: record.status,
    retry_in: record.retryInSeconds,
    last_error: record.lastError,
    failure_reason: record.failureReason,
    request_headers: record.requestHeaders,
    request_body: record.requestBody,
    request_body_from_event: record.requestBodyIsEvent,
  };
}

/**
 * A time that went into a JSON parameter as milliseconds since the epoch, as `timestamptz`. `JSON.stringify`
 * writes a `Date` through its `toJSON`, ~1.2 µs each, a third of an outcome row's serializing; a number is
 * written at once, and `to_timestamp` gives back the same millisecond (it rounds to the microsecond).
 */
function fromEpochMs(column: string): string {
  return `to_timestamp(${column} / 1000)`;
}

/**
 * Events as the two parameters of `insertEvents`: the rows as JSON, and every body in one binary
 * parameter that each row names its slice of (node-postgres would otherwise send each body as hex text).
 */
function eventParameters(events: readonly IncomingEvent[]): [string, Buffer] {
  let bodyStart = 1;
  const rows = events.map((event) => {
    const row = {
      event_id: event.eventId,
      event: event.event,
      object_type: event.objectType,
      object_id: event.objectId,
      request_id: event.requestId,
      timestamp: readableTimestamp(event.timestamp),
      body_start: bodyStart,
      body_length: event.body.length,
      topic: event.topic,
      partition: event.partition,
      offset: event.offset,
    };
    bodyStart += event.body.length;
    return row;
  });
  return [postgresJson(rows), Buffer.concat(events.map((event) => event.body))];
}

/** An envelope timestamp PostgreSQL can store, or null: a bad one must not fail the batch. */
function readableTimestamp(timestamp: string): string | null {
  const time = Date.parse(timestamp);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

/**
 * Rows as a JSON parameter for `json_to_recordset`. PostgreSQL refuses to turn `\u0000` and unpaired
 * surrogates (which `JSON.stringify` writes as escapes) into text, and one such value would fail the
 * whole statement, so they become U+FFFD, as UTF-8 encoding does with a text parameter. An escaped
 * backslash before them (an even run of backslashes) is kept as it is.
 */
export function postgresJson(rows: unknown): string {
  const json = JSON.stringify(rows);
  // `JSON.stringify` writes `\u` only for control characters and unpaired surrogates: rare, so the
  // scan for them runs only when one is there.
  return json.includes('\\u') ? json.replace(UNSTORABLE_ESCAPE, '$1\\ufffd') : json;
}

const UNSTORABLE_ESCAPE = /(?<!\\)((?:\\\\)*)\\u(?:0000|d[89a-f][0-9a-f]{2})/gi;
