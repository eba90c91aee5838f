import { Initial1764460800000 } from './1764460800000-initial';
import { DeliveryOptions1796229136146 } from './1796229136146-delivery-options';

/** In order of application; a new migration is appended here. */
export const MIGRATIONS = [Initial1764460800000, DeliveryOptions1796229136146];
