import type { EntityManager } from 'typeorm';
import type { JsonObject } from '@validity/contracts';
import type { Projection, StoredEvent } from '@validity/platform/event-store';
import { envelopeDataOf } from './envelope-data';

/** How one aggregate's rows follow its envelope events. */
export interface EnvelopeProjectionSpec<T extends { id: number }> {
  name: string;
  /** The tables it owns, emptied before a rebuild. */
  tables: readonly string[];
  /** The event types after which the object is what `data` shows. */
  changed: readonly string[];
  /** The event type after which the object is gone (its `data` shows it as it was). */
  deleted: string;
  /** The object an event's `data` shows (its REST representation read back). */
  ofData(data: JsonObject): T;
  put(manager: EntityManager, object: T): Promise<void>;
  remove(manager: EntityManager, id: number): Promise<void>;
}

/**
 * A read model as a projection of envelope events, for `npm run projections:rebuild`. Every event of the
 * reports service is NetBox's webhook body, whose `data` is the whole object after the change, so the
 * row after an event is that `data` read back, whatever came before: no event needs to be added to or
 * widened for the rebuild, and the Kafka records stay as they are.
 */
export class EnvelopeProjection<T extends { id: number }> implements Projection {
  readonly name: string;
  readonly tables: readonly string[];

  constructor(private readonly spec: EnvelopeProjectionSpec<T>) {
    this.name = spec.name;
    this.tables = spec.tables;
  }

  async apply(manager: EntityManager, event: StoredEvent): Promise<void> {
    const deleted = event.type === this.spec.deleted;
    if (!deleted && !this.spec.changed.includes(event.type)) return;
    const object = this.spec.ofData(envelopeDataOf(event));
    if (deleted) await this.spec.remove(manager, object.id);
    else await this.spec.put(manager, object);
  }
}
