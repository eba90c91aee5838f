import { Initial1764460800000 } from './1764460800000-initial';

/** In order of application; a new migration is appended here. */
export const MIGRATIONS = [Initial1764460800000];
