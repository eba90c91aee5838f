import { isEmptyConditions, parseConditionSet } from '@validity/condition-set';
import type { WebhookSettings } from '../domain/webhook';

/** NetBox 3.6's texts for the rules of its Webhook model. */
export const WEBHOOK_RULE_MESSAGES = {
  noEventType: 'At least one event type must be selected: create, update, delete, job_start, and/or job_end.',
  caFileWithoutVerification: 'Do not specify a CA certificate file if SSL verification is disabled.',
  /** The unique constraint on (payload_url, type_create, type_update, type_delete), by verbose names. */
  duplicateUrlAndTypes: 'Webhook with this URL, On create, On update and On delete already exists.',
  /** DRF's UniqueValidator on `name` (stage 1), with the model's lower-case verbose name. */
  duplicateName: 'webhook with this name already exists.',
  unknownCustomField: (name: string) => `Unknown field name '${name}' in custom field data.`,
} as const;

/**
 * NetBox 3.6's `Webhook.clean()`, which stops at its first failure, in its order: custom field data
 * (the mixin's `clean()`, run first; this system defines no custom fields, so any key is unknown), at
 * least one event type, `conditions` (parsed only when truthy in Python), the CA file rule.
 */
export function webhookModelErrors(
  settings: WebhookSettings,
  customFields: Readonly<Record<string, unknown>>,
): Record<string, string[]> | undefined {
  const [unknownField] = Object.keys(customFields);
  if (unknownField !== undefined)
    return { __all__: [WEBHOOK_RULE_MESSAGES.unknownCustomField(unknownField)] };
  const { type_create, type_update, type_delete, type_job_start, type_job_end } = settings;
  if (!(type_create || type_update || type_delete || type_job_start || type_job_end)) {
    return { __all__: [WEBHOOK_RULE_MESSAGES.noEventType] };
  }
  if (!isEmptyConditions(settings.conditions)) {
    const parsed = parseConditionSet(settings.conditions);
    if (!parsed.ok) return { conditions: [parsed.message] };
  }
  if (!settings.ssl_verification && settings.ca_file_path) {
    return { ca_file_path: [WEBHOOK_RULE_MESSAGES.caFileWithoutVerification] };
  }
  return undefined;
}
