import { v7 as uuidv7 } from 'uuid';
import type { DecodeOutcome } from './decode-outcome';
import { ENVELOPE_CONTENT_TYPE, ENVELOPE_HEADERS } from './envelope-headers';
import type { OutgoingKafkaMessage } from './kafka-record';

/**
 * A command on `webhook-registry.commands` (issue 18). Only one so far: disable a webhook because its
 * receiver answered 410 Gone (`gone`) or every attempt failed for the auto-disable period (`failing`).
 * The registry applies it at most once in effect: a webhook already disabled stays as it is.
 */
export interface DisableWebhookCommand {
  command: 'disable';
  webhook_id: number;
  cause: 'gone' | 'failing';
  /** The text that becomes the webhook's `disabled_reason` and its pending deliveries' last error. */
  reason: string;
  /** When the dispatcher decided (ISO datetime). */
  requested_at: string;
  /** Since when every attempt failed (ISO datetime), for `failing`; null for `gone`. */
  failing_since: string | null;
}

export function encodeWebhookCommand(command: DisableWebhookCommand): OutgoingKafkaMessage {
  return {
    key: String(command.webhook_id),
    value: Buffer.from(JSON.stringify(command), 'utf8'),
    headers: {
      [ENVELOPE_HEADERS.eventId]: uuidv7(),
      [ENVELOPE_HEADERS.contentType]: ENVELOPE_CONTENT_TYPE,
    },
  };
}

/** Never throws: a malformed command is reported so the consumer can dead-letter it. */
export function decodeWebhookCommand(value: Buffer | null): DecodeOutcome<DisableWebhookCommand> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value?.toString('utf8') ?? '');
  } catch (error) {
    return { ok: false, reason: 'invalid-json', message: (error as Error).message };
  }
  const command = parsed as Partial<DisableWebhookCommand> | null;
  const valid =
    typeof command === 'object' &&
    command !== null &&
    command.command === 'disable' &&
    Number.isSafeInteger(command.webhook_id) &&
    (command.webhook_id as number) > 0 &&
    (command.cause === 'gone' || command.cause === 'failing') &&
    typeof command.reason === 'string' &&
    command.reason !== '' &&
    typeof command.requested_at === 'string' &&
    (command.failing_since === null || typeof command.failing_since === 'string');
  return valid
    ? { ok: true, value: command as DisableWebhookCommand }
    : { ok: false, reason: 'not-a-webhook-command', message: 'not a disable command' };
}
