import { WEBHOOK_COMMANDS_TOPIC } from '@validity/contracts';

/** Injection token of the registry's `WebhookLifecycleSettings`. */
export const WEBHOOK_LIFECYCLE = Symbol('WEBHOOK_LIFECYCLE');

/** How the registry runs a webhook's life beyond its settings (issue 18). */
export interface WebhookLifecycleSettings {
  /** How long a rotated-out secret keeps signing beside the new one (`WEBHOOK_SECRET_OVERLAP`). */
  secretOverlapMs: number;
  /** Where the dispatcher's commands (disable a webhook) arrive; another name isolates a test registry. */
  commandsTopic: string;
}

/** Standard Webhooks' and Svix's customary rotation overlap: a day. */
export const DEFAULT_WEBHOOK_LIFECYCLE: WebhookLifecycleSettings = Object.freeze({
  secretOverlapMs: 24 * 60 * 60 * 1000,
  commandsTopic: WEBHOOK_COMMANDS_TOPIC,
});
