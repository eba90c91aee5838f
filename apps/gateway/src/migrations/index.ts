import { ApiTokens1764460800000 } from './1764460800000-api-tokens';

/** In order of application; a new migration is appended here. */
export const MIGRATIONS = [ApiTokens1764460800000];
