import type { DestinationPolicy } from '@validity/contracts';
import { NetBoxValidationError, validateInput, type FieldErrors } from '@validity/platform/netbox-api';
import {
  DEFAULT_SETTINGS,
  settingsOf,
  WEBHOOK_SETTING_KEYS,
  type Webhook,
  type WebhookSettings,
} from '../domain/webhook';
import { parseWebhookName, REQUIRED_WEBHOOK_FIELDS, WebhookInput } from '../input/webhook.input';
import { REQUIRED_WEBHOOK_46_FIELDS, Webhook46Input } from '../input/webhook-46.input';
import { webhook46ModelErrors } from './webhook-46-model-rules';
import type { ExistingWebhooks, UrlAndTypes } from './existing-webhooks';
import { WEBHOOK_RULE_MESSAGES, webhookModelErrors } from './webhook-model-rules';
import { payloadUrlRefusal } from './payload-url-destination';
import { webhookTemplateErrors } from './webhook-template-rules';
import { clientCertificateErrors } from './client-certificate-rules';

/** One create or update as the client asked for it. */
export interface WebhookRequest {
  body: unknown;
  /** The webhook to change; absent for a create. */
  current?: Webhook;
  /** PATCH: keys absent from the body keep their value, and none is required. */
  partial: boolean;
}

export type ValidatedWebhook = { ok: true; settings: WebhookSettings } | { ok: false; errors: FieldErrors };

/** The NetBox whose webhook API the requests use (`NETBOX_API_VERSION`). */
export type WebhookApiVersion = '3.6' | '4.6';

interface FieldStage {
  input?: WebhookInput | Webhook46Input;
  errors: Record<string, FieldErrors[string]>;
  /** The name as parsed, when it parsed: its uniqueness is checked whatever the other fields did. */
  name?: string;
}

/**
 * NetBox 3.6's validation of the requests of one API call, in its two stages:
 *
 * 1. Fields (DRF): each key parsed as its serializer field parses it, plus the unique `name`.
 * 2. Model (`full_clean()`), only for requests that passed stage 1: `clean()`'s rules, then the unique
 *    constraint on URL and create/update/delete flags. Both may fail: `__all__` then has both messages.
 *
 * The requests are also checked against each other, in order: a request that repeats an earlier one's
 * name, or its URL and flags, gets the message it would get had the earlier one been saved. (NetBox
 * validates a bulk create only against the database, then hits the constraint while saving: a 500.)
 *
 * 3. Beyond NetBox, only for requests NetBox would accept (so every request NetBox refuses gets
 *    NetBox's exact answer): the templates the request sets (`webhookTemplateErrors`), then the
 *    destination policy for the `payload_url` it sets (`payloadUrlRefusal`).
 */
export async function validateWebhookRequests(
  requests: readonly WebhookRequest[],
  existing: ExistingWebhooks,
  destinations?: DestinationPolicy,
  apiVersion: WebhookApiVersion = '3.6',
): Promise<ValidatedWebhook[]> {
  const stages = requests.map((request) => fieldStage(request, apiVersion));
  await checkNamesAreUnique(requests, stages, existing);
  const candidates = stages.map((stage, index) =>
    stage.input && Object.keys(stage.errors).length === 0
      ? {
          settings: mergedSettings(requests[index].current, stage.input),
          provided: stage.input,
          customFields: stage.input.custom_fields ?? {},
        }
      : undefined,
  );
  const urls = [...new Set(candidates.flatMap((candidate) => candidate?.settings.payload_url ?? []))];
  const sameUrl = urls.length > 0 ? await existing.withPayloadUrls(urls) : [];
  const claimedUrlKeys = new Set<string>();
  const results = stages.map((stage, index): ValidatedWebhook => {
    const candidate = candidates[index];
    if (candidate === undefined) return { ok: false, errors: stage.errors };
    const errors =
      (apiVersion === '4.6'
        ? webhook46ModelErrors(candidate.settings, candidate.customFields, candidate.provided)
        : webhookModelErrors(candidate.settings, candidate.customFields)) ?? {};
    const key = urlKey(candidate.settings);
    const ownId = requests[index].current?.id;
    // NetBox 3.7+ dropped the unique constraint on URL and flags (the flags moved to event rules).
    const checksUrl = apiVersion === '3.6';
    if (
      checksUrl &&
      (claimedUrlKeys.has(key) || sameUrl.some((other) => other.id !== ownId && urlKey(other) === key))
    ) {
      errors.__all__ = [...(errors.__all__ ?? []), WEBHOOK_RULE_MESSAGES.duplicateUrlAndTypes];
    }
    claimedUrlKeys.add(key);
    if (Object.keys(errors).length > 0) return { ok: false, errors };
    const templateErrors =
      webhookTemplateErrors(candidate.provided) ?? clientCertificateErrors(candidate.settings);
    return templateErrors
      ? { ok: false, errors: templateErrors }
      : { ok: true, settings: candidate.settings };
  });
  if (destinations === undefined) return results;
  // 4. The destination policy, for a payload_url the request sets (DNS lookups run in parallel).
  return Promise.all(
    results.map(async (result, index) => {
      const payloadUrl = candidates[index]?.provided.payload_url;
      if (!result.ok || payloadUrl === undefined) return result;
      const refusal = await payloadUrlRefusal(destinations, payloadUrl);
      return refusal === undefined ? result : { ok: false, errors: { payload_url: [refusal] } };
    }),
  );
}

function fieldStage({ body, partial }: WebhookRequest, apiVersion: WebhookApiVersion): FieldStage {
  try {
    const input =
      apiVersion === '4.6'
        ? validateInput(
            Webhook46Input,
            body,
            partial ? { partial: true } : { required: REQUIRED_WEBHOOK_46_FIELDS },
          )
        : validateInput(
            WebhookInput,
            body,
            partial ? { partial: true } : { required: REQUIRED_WEBHOOK_FIELDS },
          );
    return { input, errors: {}, name: input.name };
  } catch (error) {
    if (!(error instanceof NetBoxValidationError) || Array.isArray(error.errors)) throw error;
    const errors = { ...(error.errors as FieldErrors) };
    return { errors, name: errors.name === undefined ? nameIn(body) : undefined };
  }
}

function nameIn(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || !Object.hasOwn(body, 'name')) return undefined;
  const name = parseWebhookName((body as { name: unknown }).name);
  return typeof name === 'string' ? name : undefined;
}

async function checkNamesAreUnique(
  requests: readonly WebhookRequest[],
  stages: FieldStage[],
  existing: ExistingWebhooks,
): Promise<void> {
  const names = [...new Set(stages.flatMap((stage) => stage.name ?? []))];
  const holders = names.length > 0 ? await existing.withNames(names) : [];
  const claimed = new Set<string>();
  stages.forEach((stage, index) => {
    const { name } = stage;
    if (name === undefined) return;
    const ownId = requests[index].current?.id;
    if (claimed.has(name) || holders.some((holder) => holder.name === name && holder.id !== ownId)) {
      stage.errors.name = [WEBHOOK_RULE_MESSAGES.duplicateName];
    }
    claimed.add(name);
  });
}

/** DRF sets only the fields the body carries; the rest keep the webhook's values (or the defaults). */
function mergedSettings(current: Webhook | undefined, input: WebhookInput | Webhook46Input): WebhookSettings {
  const fields = input as Partial<Record<(typeof WEBHOOK_SETTING_KEYS)[number], unknown>>;
  const provided = Object.fromEntries(
    WEBHOOK_SETTING_KEYS.filter((key) => fields[key] !== undefined).map((key) => [key, fields[key]]),
  );
  // A 4.6 create names no content types: the webhook has no event rule until one is made for it.
  const defaults = { content_types: [], ...DEFAULT_SETTINGS };
  return { ...(current ? settingsOf(current) : defaults), ...provided } as WebhookSettings;
}

function urlKey(webhook: Omit<UrlAndTypes, 'id'>): string {
  return JSON.stringify([webhook.payload_url, webhook.type_create, webhook.type_update, webhook.type_delete]);
}
