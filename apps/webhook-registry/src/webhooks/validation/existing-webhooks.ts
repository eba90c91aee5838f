import type { WebhookSettings } from '../domain/webhook';

/** The part of another webhook that the URL-and-types unique constraint compares. */
export type UrlAndTypes = Pick<
  WebhookSettings,
  'payload_url' | 'type_create' | 'type_update' | 'type_delete'
> & { id: number };

/** What validation asks the store about the other webhooks, seen from inside the writing transaction. */
export interface ExistingWebhooks {
  withNames(names: readonly string[]): Promise<ReadonlyArray<{ id: number; name: string }>>;
  withPayloadUrls(urls: readonly string[]): Promise<readonly UrlAndTypes[]>;
}
