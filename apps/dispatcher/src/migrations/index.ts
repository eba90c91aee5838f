import { Initial1764460800000 } from './1764460800000-initial';
import { DeliveryLifecycle1764979200000 } from './1764979200000-delivery-lifecycle';
import { WebhookFailureStreaks1796230477441 } from './1796230477441-webhook-failure-streaks';

/** In order of application; a new migration is appended here. */
export const MIGRATIONS = [
  Initial1764460800000,
  DeliveryLifecycle1764979200000,
  WebhookFailureStreaks1796230477441,
];
