import type { WebhookSettings } from '../domain/webhook';
import { WEBHOOK_RULE_MESSAGES } from './webhook-model-rules';

/** NetBox 4.6.8's text for a `payload_url` that is neither an http(s) URL nor a Jinja2 template. */
export const INVALID_PAYLOAD_URL = 'Enter a valid URL, beginning with http:// or https://.';

/**
 * NetBox 4.6's `Webhook.clean()`, first failure only, in its order: custom field data, the CA file rule,
 * and (4.6.8) `payload_url` must be an http(s) URL with a host unless it contains Jinja2 markup. The
 * trigger rules are the event rule's (`/api/extras/event-rules/`). The URL rule is checked only when the
 * request sets `payload_url`, so a webhook stored through the 3.6 API stays editable.
 */
export function webhook46ModelErrors(
  settings: WebhookSettings,
  customFields: Readonly<Record<string, unknown>>,
  provided: { payload_url?: string },
): Record<string, string[]> | undefined {
  const [unknownField] = Object.keys(customFields);
  if (unknownField !== undefined)
    return { __all__: [WEBHOOK_RULE_MESSAGES.unknownCustomField(unknownField)] };
  if (!settings.ssl_verification && settings.ca_file_path) {
    return { ca_file_path: [WEBHOOK_RULE_MESSAGES.caFileWithoutVerification] };
  }
  const url = provided.payload_url;
  if (url !== undefined && !/\{[{%#]/.test(url) && !/^https?:\/\/[^/?#\s]+/i.test(url)) {
    return { payload_url: [INVALID_PAYLOAD_URL] };
  }
  return undefined;
}
