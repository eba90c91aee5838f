import { Initial1765152000000 } from './1765152000000-initial';

/** In order of application; a new migration is appended here. */
export const MIGRATIONS = [Initial1765152000000];
