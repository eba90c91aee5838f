import { Initial1764460800000 } from './1764460800000-initial';
import { DeliveryOptions1796229136146 } from './1796229136146-delivery-options';
import { EventRuleFields1796229141758 } from './1796229141758-event-rule-fields';
import { EventStoreRelayedMark1796229391378 } from './1796229391378-event-store-relayed-mark';
import { WebhookDeliveryState1796229794339 } from './1796229794339-webhook-delivery-state';

/** In order of application; a new migration is appended here. */
export const MIGRATIONS = [
  Initial1764460800000,
  DeliveryOptions1796229136146,
  EventRuleFields1796229141758,
  EventStoreRelayedMark1796229391378,
  WebhookDeliveryState1796229794339,
];
