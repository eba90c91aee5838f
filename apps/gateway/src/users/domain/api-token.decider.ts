import { NotFoundError } from '@validity/platform/netbox-api';
import type { Decider, NewEvent } from '@validity/platform/event-store';
import type { ApiToken } from './api-token';
import { API_TOKEN_EVENT_TYPES, apiTokenAfter, apiTokenEvent } from './api-token-events';

/** `null` until the token is issued. */
export type ApiTokenState = ApiToken | null;

export type ApiTokenCommand =
  | { issue: ApiToken }
  /** The fields to change; a revoked token only with `deletedAt: null` (the ADMIN_TOKEN restore). */
  | { change: Partial<Omit<ApiToken, 'id' | 'created'>> }
  | { revoke: Date };

/**
 * A token's stream: issued once, then changed or revoked. A change that changes nothing appends nothing,
 * so restarting with the same ADMIN_TOKEN publishes nothing.
 */
export const apiTokenDecider: Decider<ApiTokenState, ApiTokenCommand> = {
  initialState: () => null,
  evolve: (state, event) => apiTokenAfter(event, state),
  decide: (command, state): NewEvent[] => {
    if ('issue' in command) {
      if (state !== null) throw new Error(`token ${state.id} is already issued`);
      return [apiTokenEvent(API_TOKEN_EVENT_TYPES.issued, command.issue)];
    }
    if (state === null) throw new NotFoundError();
    if ('revoke' in command) {
      if (state.deletedAt !== null) throw new NotFoundError();
      return [apiTokenEvent(API_TOKEN_EVENT_TYPES.revoked, { ...state, deletedAt: command.revoke })];
    }
    // Only a change that says so revives a revoked token: a PATCH that lost the race to a DELETE is a 404.
    if (state.deletedAt !== null && command.change.deletedAt !== null) throw new NotFoundError();
    const changed: ApiToken = { ...state, ...command.change };
    if (sameToken(changed, state)) return [];
    return [apiTokenEvent(API_TOKEN_EVENT_TYPES.changed, changed)];
  },
};

function sameToken(a: ApiToken, b: ApiToken): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
