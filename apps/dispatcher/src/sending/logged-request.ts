import { isUtf8 } from 'node:buffer';
import { maskedSecret } from '@validity/contracts';
import { RESPONSE_BODY_LIMIT_BYTES } from './webhook-sender';

/** How much of a request body the delivery log keeps: as much as of a response body. */
export const LOGGED_BODY_LIMIT_BYTES = RESPONSE_BODY_LIMIT_BYTES;

/** What the delivery log keeps of a request an attempt sent. */
export interface LoggedRequest {
  /** Every header sent, in sending order; values outside `clearNames` masked. */
  headers: Record<string, string>;
  /** The start of the body, as text; null when it is the event's body (`bodyIsEvent`). */
  body: string | null;
  /** The body sent is the stored event's, whole: the log reads it from the event, no copy is kept. */
  bodyIsEvent: boolean;
}

/**
 * The request as the delivery log may show it. Only headers whose values are known to hold no secret
 * are kept in clear (`clearNames`, lower case: the ones the dispatcher writes itself, such as
 * `webhook-id`); every other value is masked as public topics mask secrets (`********`, an empty value
 * stays empty). So signatures, `Authorization` (from `additional_headers` or a `user:password@` in
 * `payload_url`) and every `additional_headers` value are masked whatever their names, and a header
 * added later is masked until someone decides it is harmless. The body carries no secret: it is the
 * event (whose webhook secrets public topics already mask) or the rendered `body_template`, whose
 * context holds no secret.
 */
export function loggedRequest(
  headers: Readonly<Record<string, string>>,
  body: Buffer,
  clearNames: ReadonlySet<string>,
  eventBody?: Buffer,
): LoggedRequest {
  const logged: Record<string, string> = {};
  for (const name in headers)
    logged[name] = loggedHeaderValue(headers[name], clearNames.has(name.toLowerCase()));
  return withLoggedBody(logged, body, eventBody);
}

/** A header's value as the delivery log shows it: in clear only for a `clearNames` header. */
export function loggedHeaderValue(value: string, clear: boolean): string {
  return clear ? value : maskedSecret(value);
}

/** The logged request of headers already masked (see `loggedRequest`): the body as the log keeps it. */
export function withLoggedBody(
  loggedHeaders: Record<string, string>,
  body: Buffer,
  eventBody?: Buffer,
): LoggedRequest {
  if (eventBody !== undefined && isStoredEventBody(body, eventBody))
    return { headers: loggedHeaders, body: null, bodyIsEvent: true };
  return {
    headers: loggedHeaders,
    body: body.subarray(0, LOGGED_BODY_LIMIT_BYTES).toString('utf8'),
    bodyIsEvent: false,
  };
}

/**
 * Whether the log can show `body` by reading the stored event: it is the event's own bytes (not a
 * rendered template or a NetBox 4.6 body), whole within the logged limit, and PostgreSQL's
 * `convert_from(body, 'UTF8')` gives exactly the text `toString('utf8')` gives here, which holds for
 * valid UTF-8 without NUL (PostgreSQL text cannot hold NUL; invalid bytes would fail the read, where
 * `toString` writes U+FFFD).
 */
function isStoredEventBody(body: Buffer, eventBody: Buffer): boolean {
  return (
    body === eventBody && body.length <= LOGGED_BODY_LIMIT_BYTES && body.indexOf(0) === -1 && isUtf8(body)
  );
}
