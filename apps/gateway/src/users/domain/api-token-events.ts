import { v7 as uuidv7 } from 'uuid';
import {
  decodeApiTokenRecord,
  encodeApiTokenRecord,
  ENVELOPE_HEADERS,
  TOKENS_TOPIC,
  type ApiTokenRecord,
} from '@validity/contracts';
import type { NewEvent, StoredEvent } from '@validity/platform/event-store';
import type { ApiToken } from './api-token';

export const API_TOKEN_EVENT_TYPES = {
  issued: 'ApiTokenIssued',
  changed: 'ApiTokenChanged',
  revoked: 'ApiTokenRevoked',
} as const;

export type ApiTokenEventType = (typeof API_TOKEN_EVENT_TYPES)[keyof typeof API_TOKEN_EVENT_TYPES];

/**
 * What the token API shows but the services' token directories do not need. It travels in a header of
 * the stored record, beside the value, so the value stays exactly the `users.tokens` record every
 * directory reads (and the HMAC, which covers key and value only, stays the same), while the event alone
 * still holds the whole token for rebuilding the read model.
 */
export const API_TOKEN_DETAILS_HEADER = 'api-token-details';

interface ApiTokenDetails {
  key_hint: string;
  description: string;
  created: string;
  revoked: string | null;
}

export function apiTokenStreamId(id: number): string {
  return `api-token-${id}`;
}

/** The `users.tokens` record of a token (its value; a revoked token's is a tombstone). */
export function apiTokenRecordOf(token: ApiToken): ApiTokenRecord {
  return {
    id: token.id,
    user: { id: token.userId, username: token.username },
    key_sha256: token.keySha256,
    write_enabled: token.writeEnabled,
    expires: token.expires?.toISOString() ?? null,
  };
}

/** The event that leaves `token` as it is: the relay publishes its record on `users.tokens`. */
export function apiTokenEvent(type: ApiTokenEventType, token: ApiToken): NewEvent {
  const details: ApiTokenDetails = {
    key_hint: token.keyHint,
    description: token.description,
    created: token.created.toISOString(),
    revoked: token.deletedAt?.toISOString() ?? null,
  };
  return {
    type,
    record: {
      topic: TOKENS_TOPIC,
      message: {
        key: String(token.id),
        value: token.deletedAt ? null : encodeApiTokenRecord(apiTokenRecordOf(token)),
        headers: {
          [ENVELOPE_HEADERS.eventId]: uuidv7(),
          [API_TOKEN_DETAILS_HEADER]: JSON.stringify(details),
        },
      },
    },
  };
}

/**
 * The token an event leaves behind. Every event but a revocation carries the whole token; a revocation's
 * value is a tombstone, so it applies to the token before it.
 */
export function apiTokenAfter(event: StoredEvent, before: ApiToken | null): ApiToken {
  const details = JSON.parse(event.headers[API_TOKEN_DETAILS_HEADER] ?? 'null') as ApiTokenDetails | null;
  if (details === null) throw new Error(`event ${event.position} carries no ${API_TOKEN_DETAILS_HEADER}`);
  if (event.payload === null) {
    if (before === null || details.revoked === null)
      throw new Error(`event ${event.position} revokes no issued token`);
    return { ...before, deletedAt: new Date(details.revoked) };
  }
  const decoded = decodeApiTokenRecord(event.payload);
  if (!decoded.ok) throw new Error(`event ${event.position} holds no token record: ${decoded.message}`);
  const record = decoded.value;
  return {
    id: record.id,
    userId: record.user.id,
    username: record.user.username,
    keySha256: record.key_sha256,
    keyHint: details.key_hint,
    writeEnabled: record.write_enabled,
    expires: record.expires === null ? null : new Date(record.expires),
    description: details.description,
    created: new Date(details.created),
    lastUsed: null,
    deletedAt: null,
  };
}
