import type { DataSource, EntityManager } from 'typeorm';
import { inFoldedTransaction, type Statement } from '@validity/platform/database';
import { ConflictError, NetBoxValidationError, type FieldErrors } from '@validity/platform/netbox-api';
import { notifyRelay } from './append-events';
import { wakeLocalRelays } from './local-relays';
import { StaleStreamError } from './stale-stream.error';
import { waitUntilRelayed } from './wait-until-relayed';

const UNIQUE_VIOLATION = '23505';

export interface EventStoreWritesOptions {
  dataSource: DataSource;
  schema: string;
  /**
   * What each unique constraint of the service's read models means when a concurrent write beat the use
   * case's own check to it: the 400 that check would have given (constraint name → DRF field errors).
   */
  uniqueViolations?: Readonly<Record<string, FieldErrors>>;
  /** The subject of the one 409 text, e.g. `The webhook`; `This object` by default. */
  staleSubject?: string;
}

export interface WriteOptions {
  /**
   * Answer only once the change is on Kafka, at most this long (then the change is stored and goes out
   * when Kafka is back): for writes another service must see before the client acts on the answer.
   */
  waitForRelayMs?: number;
}

/** Sends the transaction's last statements with its COMMIT, in one round trip; their rows, in order. */
export type CommitWith = (statements: readonly Statement[]) => Promise<Array<Array<Record<string, unknown>>>>;

/**
 * The one write path of an event-sourced service: the use case's work (read the stream, decide, update
 * the read models, append at the expected version) in one transaction (`inFoldedTransaction`: its BEGIN
 * goes with the first statement list, its COMMIT with `commitWith`'s); a stale stream becomes the one
 * 409 text and a unique violation its mapped 400, each in this one place; after commit the relay is
 * woken (this process's directly, else by NOTIFY), and the answer may wait until the change is published.
 */
export class EventStoreWrites {
  constructor(private readonly options: EventStoreWritesOptions) {}

  async run<T>(
    work: (manager: EntityManager, commitWith: CommitWith) => Promise<T>,
    write: WriteOptions = {},
  ): Promise<T> {
    const { dataSource, schema } = this.options;
    let result: T;
    try {
      result = await inFoldedTransaction(dataSource, work);
    } catch (error) {
      throw this.mapped(error);
    }
    if (!wakeLocalRelays(schema)) await notifyRelay(dataSource, schema);
    if (write.waitForRelayMs !== undefined) await waitUntilRelayed(dataSource, schema, write.waitForRelayMs);
    return result;
  }

  /** The HTTP error a failed write means, or the failure itself when it means none. */
  private mapped(error: unknown): unknown {
    if (error instanceof StaleStreamError) {
      return new ConflictError(staleStreamText(this.options.staleSubject));
    }
    const { code, constraint } = error as { code?: string; constraint?: string };
    const violations = this.options.uniqueViolations ?? {};
    if (code === UNIQUE_VIOLATION && constraint !== undefined && Object.hasOwn(violations, constraint)) {
      return new NetBoxValidationError(violations[constraint]);
    }
    return error;
  }
}

/** The one 409 text of a change decided on a stream that moved on meanwhile. */
export function staleStreamText(subject = 'This object'): string {
  return `${subject} was changed by another request; reload it and try again.`;
}
