import type { EntityManager } from 'typeorm';
import type { Projection, StoredEvent } from '@validity/platform/event-store';
import type { ApiToken } from '../domain/api-token';
import { API_TOKEN_EVENT_TYPES } from '../domain/api-token-events';
import { apiTokenDecider } from '../domain/api-token.decider';
import type { ApiTokenTable } from './api-token-table';

const TOKEN_EVENT_TYPES: ReadonlySet<string> = new Set(Object.values(API_TOKEN_EVENT_TYPES));

/**
 * The `tokens` read model as a projection of the event store, for `npm run projections:rebuild`: each
 * token's row is its stream folded with the decider's own `evolve`, written after every event.
 */
export class ApiTokenProjection implements Projection {
  readonly name = 'tokens';
  readonly tables: readonly string[];
  /** Tokens of the streams replayed so far (a revocation applies to the token before it). */
  private readonly tokens = new Map<string, ApiToken>();

  constructor(
    schema: string,
    private readonly table: ApiTokenTable,
  ) {
    this.tables = [`"${schema}"."tokens"`];
  }

  async apply(manager: EntityManager, event: StoredEvent): Promise<void> {
    if (!TOKEN_EVENT_TYPES.has(event.type)) return;
    const token = apiTokenDecider.evolve(this.tokens.get(event.streamId) ?? null, event);
    if (token === null) return;
    this.tokens.set(event.streamId, token);
    await this.table.save(manager, token);
  }
}
