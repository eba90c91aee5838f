import {
  NETBOX_36_OBJECT_TYPES,
  NETBOX_CORE_OBJECT_TYPES,
  netboxCoreContentTypeId,
  type NetBoxObjectType,
} from './netbox-object-types';
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

function contentTypesOf(coreModels: readonly NetBoxObjectType[]): readonly Readonly<WebhookContentType>[] {
  return Object.freeze(
    [
      ...Object.values(OBJECT_TYPES)
        .filter((objectType) => objectType.public)
        .map(({ name, contentTypeId }) => ({ name: name as string, contentTypeId })),
      ...coreModels
        .filter((objectType) => !Object.hasOwn(OBJECT_TYPES, objectType.name))
        .map(({ name }) => ({ name, contentTypeId: netboxCoreContentTypeId(name)! })),
      // Issue 18's operational events (`validity-events.webhook`, `validity-events.delivery`).
      ...OPERATIONAL_CONTENT_TYPES.map((name, index) => ({
        name,
        contentTypeId: OPERATIONAL_CONTENT_TYPE_IDS + index,
      })),
    ].map((contentType) => Object.freeze(contentType)),
  );
}

/**
 * What a webhook's `content_types` may name, as NetBox 3.6 allows: this system's own public object
 * types (Validity's, `extras.webhook`), then every NetBox 3.6 core model with the webhooks feature,
 * whose events the NetBox hub takes from a NetBox beside us. Anything else gets NetBox's
 * `Invalid content type: <name>`.
 */
export const WEBHOOK_CONTENT_TYPES = contentTypesOf(NETBOX_36_OBJECT_TYPES);

/**
 * What an event rule's `object_types` may name, as NetBox 4.6 allows: the 3.6 list plus the models
 * NetBox 3.7 to 4.6 added (their ids come after 3.6's, so no id moves between modes).
 */
export const EVENT_RULE_OBJECT_TYPES = contentTypesOf(NETBOX_CORE_OBJECT_TYPES);

const BY_NAME = new Map(EVENT_RULE_OBJECT_TYPES.map((contentType) => [contentType.name, contentType]));

/**
 * The ContentType id of a content type a webhook or event rule may name; `undefined` for any other.
 * One numbering for both modes, since a rule's 4.x object type is stored on its webhook.
 */
export function webhookContentTypeId(name: string): number | undefined {
  return BY_NAME.get(name)?.contentTypeId;
}
