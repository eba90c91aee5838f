import { Initial1764460800000 } from './1764460800000-initial';
import { DeliveryLifecycle1764979200000 } from './1764979200000-delivery-lifecycle';
import { AttemptRequest1796229119070 } from './1796229119070-attempt-request';

/** In order of application; a new migration is appended here. */
export const MIGRATIONS = [Initial1764460800000, DeliveryLifecycle1764979200000, AttemptRequest1796229119070];
