import { Logger } from '@nestjs/common';
import {
  encodeWebhookCommand,
  WEBHOOK_COMMANDS_TOPIC,
  type DisableWebhookCommand,
} from '@validity/contracts';
import type { EventProducer, InternalRecordAuthenticator } from '@validity/platform/kafka';
import type { WebhookView } from '../webhook-view/webhook-view';
import { streakIsLongEnough, type AttemptVerdict } from './domain/disable-verdict';
import type { FailureStreakStore } from './store/failure-streak-store';

export interface FailureWatchSettings {
  /** `WEBHOOK_AUTO_DISABLE_AFTER` in ms; 0 = only 410 disables. */
  autoDisableAfterMs: number;
  /** Where disable commands go (`webhook-registry.commands`). */
  commandsTopic: string;
}

/**
 * Decides when a webhook must be disabled (issue 18) and asks the registry, which owns webhooks, to do
 * it: at once when its receiver answers 410 Gone, or when every attempt has failed for the configured
 * period. It asks through an HMAC-signed command on `webhook-registry.commands` rather than any call:
 * services talk only through Kafka, the request survives the registry being down, and the registry
 * turns it into a normal update (event, definition, reason) that every dispatcher instance then sees.
 *
 * Per attempt it only looks at memory; the database is touched when a streak starts or ends, and
 * before a disable (to confirm no other instance saw a success meanwhile).
 */
export class WebhookFailureWatch {
  private readonly logger = new Logger('AutoDisable');
  /** This instance's knowledge of running streaks: webhook id → since when it fails. */
  private readonly failingSince = new Map<number, Date>();
  /** Webhooks whose disable was asked and not yet seen applied. */
  private readonly requested = new Set<number>();
  /** One chain per webhook, so its outcomes are judged in order. */
  private readonly chains = new Map<number, Promise<void>>();

  constructor(
    private readonly streaks: FailureStreakStore,
    private readonly producer: EventProducer,
    private readonly authenticator: InternalRecordAuthenticator,
    private readonly settings: FailureWatchSettings,
    view: WebhookView,
  ) {
    // Enabled again (by a client): a fresh start, and a later failure streak may disable it again.
    const wasEnabled = new Map<number, boolean>();
    view.onChange((webhookId) => {
      const enabled = view.get(webhookId)?.definition.enabled;
      const before = wasEnabled.get(webhookId);
      if (enabled === undefined) wasEnabled.delete(webhookId);
      else wasEnabled.set(webhookId, enabled);
      if (enabled && before === false) {
        this.requested.delete(webhookId);
        this.forget(webhookId);
      }
    });
  }

  /** Takes one attempt's outcome; never throws (a failure to judge must not fail the delivery). */
  note(webhookId: number, verdict: AttemptVerdict): void {
    if (verdict === 'success' && !this.failingSince.has(webhookId)) return;
    this.enqueue(webhookId, () => this.judge(webhookId, verdict));
  }

  private async judge(webhookId: number, verdict: AttemptVerdict): Promise<void> {
    if (verdict === 'success') {
      this.failingSince.delete(webhookId);
      await this.streaks.end(webhookId);
      return;
    }
    if (this.requested.has(webhookId)) return;
    if (verdict === 'gone') {
      await this.requestDisable(webhookId, 'gone', 'the receiver answered 410 Gone', null);
      return;
    }
    let since = this.failingSince.get(webhookId);
    if (since === undefined) {
      since = await this.streaks.start(webhookId);
      this.failingSince.set(webhookId, since);
    }
    if (!streakIsLongEnough(since, new Date(), this.settings.autoDisableAfterMs)) return;
    if (await this.streaks.succeededSince(webhookId, since)) {
      this.failingSince.set(webhookId, await this.streaks.restart(webhookId));
      return;
    }
    const seconds = Math.round(this.settings.autoDisableAfterMs / 1000);
    await this.requestDisable(
      webhookId,
      'failing',
      `every attempt failed for ${seconds} s (since ${since.toISOString()})`,
      since,
    );
  }

  private async requestDisable(
    webhookId: number,
    cause: DisableWebhookCommand['cause'],
    reason: string,
    since: Date | null,
  ): Promise<void> {
    this.requested.add(webhookId);
    const command: DisableWebhookCommand = {
      command: 'disable',
      webhook_id: webhookId,
      cause,
      reason,
      requested_at: new Date().toISOString(),
      failing_since: since?.toISOString() ?? null,
    };
    try {
      await this.producer.send(this.settings.commandsTopic, [
        this.authenticator.sign(WEBHOOK_COMMANDS_TOPIC, encodeWebhookCommand(command)),
      ]);
    } catch (error) {
      // Asked again on the next failed attempt.
      this.requested.delete(webhookId);
      throw error;
    }
    this.logger.warn(`webhook=${webhookId} asked the registry to disable it: ${reason}`);
  }

  private forget(webhookId: number): void {
    this.failingSince.delete(webhookId);
    this.enqueue(webhookId, () => this.streaks.end(webhookId));
  }

  private enqueue(webhookId: number, job: () => Promise<void>): void {
    const previous = this.chains.get(webhookId) ?? Promise.resolve();
    const next: Promise<void> = previous
      .then(job)
      .catch((error: unknown) =>
        this.logger.warn(`webhook=${webhookId} auto-disable check failed: ${String(error)}`),
      )
      .finally(() => {
        if (this.chains.get(webhookId) === next) this.chains.delete(webhookId);
      });
    this.chains.set(webhookId, next);
  }
}
