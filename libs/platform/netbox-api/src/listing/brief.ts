import { lastValueOf, type QueryParams } from './query-params';

const NOT_BRIEF = new Set(['', '0', 'false', 'False']);

/**
 * `?brief=1` (what pynetbox's `.count()` sends) asks for the nested representation `{id, url, display,
 * name}`. NetBox 3.6 treats any non-empty value as brief, even `0`/`false`; here those mean "not
 * brief", the reading a human expects. pynetbox only ever sends `brief=1`, so it cannot tell.
 */
export function isBrief(query: QueryParams): boolean {
  const value = lastValueOf(query, 'brief');
  return value !== undefined && !NOT_BRIEF.has(value);
}
