import { Initial1764460800000 } from './1764460800000-initial';
import { WebhookDeliveryState1796229794339 } from './1796229794339-webhook-delivery-state';

/** In order of application; a new migration is appended here. */
export const MIGRATIONS = [Initial1764460800000, WebhookDeliveryState1796229794339];
