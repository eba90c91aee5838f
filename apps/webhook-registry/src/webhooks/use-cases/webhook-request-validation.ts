import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DestinationPolicy } from '@validity/contracts';
import { NetBoxValidationError } from '@validity/platform/netbox-api';
import type { WebhookSettings } from '../domain/webhook';
import { WebhookTable } from '../store/webhook-table';
import {
  validateWebhookRequests,
  type ValidatedWebhook,
  type WebhookApiVersion,
  type WebhookRequest,
} from '../validation/validate-webhook-requests';
import { WEBHOOK_API_VERSION } from '../webhook-api-version';

type ValidSettings = Extract<ValidatedWebhook, { ok: true }>;

/**
 * What creates and updates check before their decision: the requests' fields and model rules, and what
 * needs the other webhooks (unique name, unique URL and flags), read from the read model inside the
 * write's transaction.
 */
@Injectable()
export class WebhookRequestValidation {
  constructor(
    @Inject(WebhookTable) private readonly table: WebhookTable,
    @Inject(DestinationPolicy) private readonly destinations: DestinationPolicy,
    @Inject(WEBHOOK_API_VERSION) private readonly apiVersion: WebhookApiVersion,
  ) {}

  /**
   * The settings each request leaves, or NetBox's 400 for all of them: an array aligned with the
   * requests (`{}` for the valid ones) for a bulk create, else the first invalid request's errors.
   */
  async settingsOf(
    manager: EntityManager,
    requests: readonly WebhookRequest[],
    aligned: boolean,
  ): Promise<WebhookSettings[]> {
    const validated = await validateWebhookRequests(
      requests,
      this.table.existing(manager),
      this.destinations,
      this.apiVersion,
    );
    if (validated.every((result): result is ValidSettings => result.ok)) {
      return validated.map((result) => result.settings);
    }
    const errors = validated.map((result) => (result.ok ? {} : result.errors));
    throw new NetBoxValidationError(aligned ? errors : errors[validated.findIndex((result) => !result.ok)]);
  }
}
