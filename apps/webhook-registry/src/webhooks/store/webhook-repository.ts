import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  EventStoreWrites,
  handleCommand,
  type Decider,
  type HandledCommand,
} from '@validity/platform/event-store';
import { webhookStreamId } from '../domain/webhook';
import type { WebhookState } from '../domain/webhook.decider';
import { WEBHOOK_RULE_MESSAGES } from '../validation/webhook-model-rules';
import { WebhookProjection } from './webhook-projection';
import { REGISTRY_SCHEMA, WebhookTable } from './webhook-table';

/** What a unique constraint of the read model means, when a concurrent write beat validation to it. */
const CONSTRAINT_ERRORS: Readonly<Record<string, Record<string, string[]>>> = {
  webhooks_name_key: { name: [WEBHOOK_RULE_MESSAGES.duplicateName] },
  webhooks_payload_url_types_key: { __all__: [WEBHOOK_RULE_MESSAGES.duplicateUrlAndTypes] },
};

/**
 * How long a write's answer waits for its change to reach Kafka. Past it (Kafka away) the client gets
 * its answer anyway: the change is stored and published when Kafka is back.
 */
const PUBLISH_WAIT_MS = 5_000;

/**
 * The one write path of the webhooks (and of the event rules stored in them), event-sourced: each
 * command is decided on the state folded from the webhook's own stream, its events appended at the
 * version that state is at, and the `webhooks` read model updated from those events by the projection
 * `npm run projections:rebuild` replays, all in one transaction.
 */
@Injectable()
export class WebhookRepository {
  private readonly writes: EventStoreWrites;
  private readonly projection: WebhookProjection;

  constructor(
    @Inject(DataSource) dataSource: DataSource,
    @Inject(REGISTRY_SCHEMA) private readonly schema: string,
    @Inject(WebhookTable) table: WebhookTable,
  ) {
    this.writes = new EventStoreWrites({
      dataSource,
      schema,
      uniqueViolations: CONSTRAINT_ERRORS,
      staleSubject: 'The webhook',
    });
    this.projection = new WebhookProjection(schema, table);
  }

  /**
   * Runs a webhook write in one transaction and answers its concurrency failures the NetBox way: a
   * change based on a stale version is a 409 (never a lost update), and a duplicate that a concurrent
   * request committed between validation and the write gets the same 400 validation would have given.
   *
   * It answers once the change is on Kafka, as in NetBox, where a webhook is active the moment its save
   * returns: an event created after the client saw the 201 then finds the webhook in the dispatcher's
   * view (which catches up with the topic before matching). Answering at commit lost such events
   * whenever the relay was slower than the event's path (seen in `npm run chaos` on a fresh broker).
   */
  write<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.writes.run(work, { waitForRelayMs: PUBLISH_WAIT_MS });
  }

  /**
   * One command on webhook `target.id`'s stream, in `write`'s transaction. `target.version` is the
   * version of the row the caller validated the command against (0 for a webhook just given its id):
   * a stream that moved on since is a 409 before anything is decided. Without it the command is decided
   * on whatever the stream holds (the dispatcher's disable, which validated nothing).
   */
  async decide<Command>(
    manager: EntityManager,
    target: { id: number; version?: number },
    decider: Decider<WebhookState, Command>,
    command: Command,
  ): Promise<HandledCommand<WebhookState>> {
    const handled = await handleCommand(manager, this.schema, webhookStreamId(target.id), decider, command, {
      expectedVersion: target.version,
    });
    for (const event of handled.appended) await this.projection.apply(manager, event);
    return handled;
  }
}
