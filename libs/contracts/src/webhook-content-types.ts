import { NETBOX_CORE_OBJECT_TYPES, netboxCoreContentTypeId } from './netbox-object-types';
import { OBJECT_TYPES } from './object-types';
import { OPERATIONAL_CONTENT_TYPES } from './operational-events';

/** Ids of the operational content types: below NetBox's core ids, above this system's own. */
const OPERATIONAL_CONTENT_TYPE_IDS = 90;

export interface WebhookContentType {
  /** `<app_label>.<model>`. */
  name: string;
  /** Its ContentType id in this system (snapshots and the `content_type_id` filter use it). */
  contentTypeId: number;
}

/**
 * What a webhook's `content_types` may name, as NetBox 3.6 allows: this system's own public object
 * types (Validity's, `extras.webhook`), then every NetBox 3.6 core model with the webhooks feature,
 * whose events the NetBox hub takes from a NetBox beside us.
 */
export const WEBHOOK_CONTENT_TYPES: readonly Readonly<WebhookContentType>[] = Object.freeze(
  [
    ...Object.values(OBJECT_TYPES)
      .filter((objectType) => objectType.public)
      .map(({ name, contentTypeId }) => ({ name: name as string, contentTypeId })),
    ...NETBOX_CORE_OBJECT_TYPES.filter((objectType) => !Object.hasOwn(OBJECT_TYPES, objectType.name)).map(
      ({ name }) => ({ name, contentTypeId: netboxCoreContentTypeId(name)! }),
    ),
    // Issue 18's operational events (`validity-events.webhook`, `validity-events.delivery`).
    ...OPERATIONAL_CONTENT_TYPES.map((name, index) => ({
      name,
      contentTypeId: OPERATIONAL_CONTENT_TYPE_IDS + index,
    })),
  ].map((contentType) => Object.freeze(contentType)),
);

const BY_NAME = new Map(WEBHOOK_CONTENT_TYPES.map((contentType) => [contentType.name, contentType]));

/** The ContentType id of a content type a webhook may name; `undefined` for any other. */
export function webhookContentTypeId(name: string): number | undefined {
  return BY_NAME.get(name)?.contentTypeId;
}
