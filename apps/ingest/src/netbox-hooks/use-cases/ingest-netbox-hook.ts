import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { ENVELOPE_CONTENT_TYPE, ENVELOPE_HEADERS, ENVELOPE_SCHEMA_VERSION } from '@validity/contracts';
import {
  NetBoxValidationError,
  PermissionDeniedError,
  ServiceUnavailableError,
  TooManyRequestsError,
} from '@validity/platform/netbox-api';
import { INGEST_SETTINGS, type IngestSettings } from '../../config';
import type { Source } from '../../sources/domain/source';
import { isValidHookSignature } from '../domain/hook-signature';
import { HookSources } from '../domain/hook-sources';
import { placeNetBoxHook } from '../domain/place-netbox-hook';
import { TokenBucket } from '../domain/token-bucket';
import { NetBoxEventPublisher } from '../publishing/netbox-event-publisher';
import { ReceivedRequests, type ReceivedRequest } from '../store/received-requests';

/** Kafka headers the hub adds besides the envelope's own: which source sent the event, and its NetBox. */
export const SOURCE_HEADERS = { source: 'source', sourceUrl: 'source-url' } as const;

/** Seconds NetBox (or any sender) is told to wait after a 503. */
const RETRY_AFTER_UNAVAILABLE_SECONDS = 30;

export interface IngestCommand {
  sourceName: string;
  body: Buffer;
  signature: string | undefined;
}

export interface IngestOutcome extends ReceivedRequest {
  /** True when this body had been published already (NetBox retried it). */
  duplicate: boolean;
}

/** A refusal that tells the sender when to come back. */
export interface RetryAfter {
  retryAfterSeconds: number;
}

/**
 * One NetBox webhook request in: the source must exist and be enabled, the signature must be NetBox's
 * HMAC-SHA512 of these exact bytes with the source's secret, the source must be within its rate, and
 * the body must be placeable. Then the bytes go to `<app_label>.<model>.<event>` unchanged, and the
 * answer waits for Kafka's acknowledgement, so a 2xx means published and anything else leaves NetBox's
 * own retry to send it again. A body already published from this source within the dedup window (a
 * retry of a request whose answer was lost) is not published twice.
 */
@Injectable()
export class IngestNetBoxHook {
  private readonly logger = new Logger(IngestNetBoxHook.name);
  private readonly buckets = new Map<number, TokenBucket>();
  /** Identical requests in progress on this instance share one publish. */
  private readonly inFlight = new Map<string, Promise<ReceivedRequest>>();

  constructor(
    @Inject(HookSources) private readonly sources: HookSources,
    @Inject(ReceivedRequests) private readonly received: ReceivedRequests,
    @Inject(NetBoxEventPublisher) private readonly publisher: NetBoxEventPublisher,
    @Inject(INGEST_SETTINGS) private readonly settings: IngestSettings,
  ) {}

  async execute(command: IngestCommand): Promise<IngestOutcome> {
    const source = await this.sources.findByName(command.sourceName);
    if (source === undefined) throw new PermissionDeniedError(`Unknown source "${command.sourceName}".`);
    if (!source.enabled) throw new PermissionDeniedError(`Source "${source.name}" is disabled.`);
    if (command.signature === undefined) {
      throw new PermissionDeniedError('Missing X-Hook-Signature header: set a secret on the NetBox webhook.');
    }
    if (!isValidHookSignature(source.secret, command.body, command.signature)) {
      throw new PermissionDeniedError(`Invalid X-Hook-Signature for source "${source.name}".`);
    }
    this.takeToken(source);

    const placed = placeNetBoxHook(command.body);
    if (!placed.ok) throw new NetBoxValidationError({ detail: [placed.reason] });

    const digest = createHash('sha256').update(`${source.id}\0`).update(command.body).digest();
    const earlier = await this.received.find(digest, this.settings.dedupWindowSeconds);
    if (earlier !== undefined) return { ...earlier, duplicate: true };

    const key = digest.toString('hex');
    const pending = this.inFlight.get(key);
    if (pending !== undefined) return { ...(await pending), duplicate: true };
    const publishing = this.publishAndRecord(source, command.body, digest, placed.placement);
    this.inFlight.set(key, publishing);
    void publishing.finally(() => this.inFlight.delete(key)).catch(() => undefined);
    return { ...(await this.withinTimeout(publishing)), duplicate: false };
  }

  private takeToken(source: Source): void {
    const now = Date.now();
    let bucket = this.buckets.get(source.id);
    if (bucket === undefined) {
      bucket = new TokenBucket(this.settings.ratePerSecond, this.settings.rateBurst, now);
      this.buckets.set(source.id, bucket);
    }
    const taken = bucket.take(now);
    if (!taken.ok) {
      const error = new TooManyRequestsError(
        `Source "${source.name}" is over its rate of ${this.settings.ratePerSecond} requests per second; ` +
          `retry in ${taken.retryAfterSeconds} s.`,
      );
      throw Object.assign(error, { retryAfterSeconds: taken.retryAfterSeconds } satisfies RetryAfter);
    }
  }

  /** Publishes, then records the digest; a publish that outlives the answer still records it when it lands. */
  private async publishAndRecord(
    source: Source,
    body: Buffer,
    digest: Buffer,
    placement: { objectType: string; event: string; topic: string; key: string | null },
  ): Promise<ReceivedRequest> {
    const eventId = uuidv7();
    const headers: Record<string, string> = {
      [ENVELOPE_HEADERS.eventId]: eventId,
      [ENVELOPE_HEADERS.contentType]: ENVELOPE_CONTENT_TYPE,
      [ENVELOPE_HEADERS.schemaVersion]: ENVELOPE_SCHEMA_VERSION,
      [ENVELOPE_HEADERS.objectType]: placement.objectType,
      [ENVELOPE_HEADERS.event]: placement.event,
      [SOURCE_HEADERS.source]: source.name,
    };
    if (source.netbox_url !== '') headers[SOURCE_HEADERS.sourceUrl] = source.netbox_url;
    // A null key spreads keyless job events; the producer's type wants a string, kafkajs takes null.
    await this.publisher.publish(placement.topic, { key: placement.key as string, value: body, headers });
    const received = { topic: placement.topic, eventId };
    await this.received.record(digest, source.id, received);
    return received;
  }

  private async withinTimeout(publishing: Promise<ReceivedRequest>): Promise<ReceivedRequest> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error('timeout')), this.settings.publishTimeoutMs);
    });
    try {
      return await Promise.race([publishing, timeout]);
    } catch (error) {
      this.logger.warn(`publishing a NetBox event failed: ${(error as Error).message}`);
      const unavailable = new ServiceUnavailableError(
        'Kafka did not acknowledge the event; nothing was accepted. NetBox may send the same request again.',
      );
      throw Object.assign(unavailable, {
        retryAfterSeconds: RETRY_AFTER_UNAVAILABLE_SECONDS,
      } satisfies RetryAfter);
    } finally {
      clearTimeout(timer);
    }
  }
}
