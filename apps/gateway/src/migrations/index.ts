import { ApiTokens1764460800000 } from './1764460800000-api-tokens';
import { ApiTokenEvents1796288487387 } from './1796288487387-api-token-events';

/** In order of application; a new migration is appended here. */
export const MIGRATIONS = [ApiTokens1764460800000, ApiTokenEvents1796288487387];
