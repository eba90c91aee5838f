import { Initial1764460800000 } from './1764460800000-initial';
import { EventStoreRelayedMark1796229391378 } from './1796229391378-event-store-relayed-mark';

/** In order of application; a new migration is appended here. */
export const MIGRATIONS = [Initial1764460800000, EventStoreRelayedMark1796229391378];
