import { maskedSecret } from '@validity/contracts';
import { RESPONSE_BODY_LIMIT_BYTES } from './webhook-sender';

/** How much of a request body the delivery log keeps: as much as of a response body. */
export const LOGGED_BODY_LIMIT_BYTES = RESPONSE_BODY_LIMIT_BYTES;

/** What the delivery log keeps of a request an attempt sent. */
export interface LoggedRequest {
  /** Every header sent, in sending order; values outside `clearNames` masked. */
  headers: Record<string, string>;
  /** The start of the body, as text. */
  body: string;
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
): LoggedRequest {
  const logged: Record<string, string> = {};
  for (const name in headers)
    logged[name] = clearNames.has(name.toLowerCase()) ? headers[name] : maskedSecret(headers[name]);
  return { headers: logged, body: body.subarray(0, LOGGED_BODY_LIMIT_BYTES).toString('utf8') };
}
