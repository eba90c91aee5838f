import { Controller, Get, Inject, Param } from '@nestjs/common';
import { restDateTime } from '@validity/contracts';
import { ApiNetBoxOperation, NotFoundError, pathIdOf, schemaRef } from '@validity/platform/netbox-api';
import { WebhookView } from '../../webhook-view/webhook-view';
import { SigningKeyStore } from '../store/signing-key-store';

/**
 * `GET /api/extras/webhook-deliveries/signing-keys/{webhook_id}/`: the public half of a webhook's
 * Ed25519 key, for receivers that verify Standard Webhooks `v1a` signatures. 404 unless the webhook
 * exists and has `asymmetric_signature` on; the key is made on the first read, so a receiver can be
 * configured before the first delivery. (Under the delivery log's prefix: the dispatcher owns the key.)
 */
@Controller('api/extras/webhook-deliveries/signing-keys')
export class SigningKeysController {
  constructor(
    @Inject(WebhookView) private readonly view: WebhookView,
    @Inject(SigningKeyStore) private readonly keys: SigningKeyStore,
  ) {}

  @Get(':webhookId')
  @ApiNetBoxOperation({
    summary: "A webhook's Ed25519 public key (Standard Webhooks v1a)",
    success: { status: 200, schema: schemaRef('WebhookSigningKey') },
    errors: [403, 404],
  })
  async get(@Param('webhookId') webhookId: string) {
    const definition = this.view.get(pathIdOf(webhookId))?.definition;
    if (!definition?.asymmetric_signature) throw new NotFoundError();
    const key = await this.keys.keyFor(definition.id);
    return {
      webhook_id: definition.id,
      algorithm: 'ed25519',
      signature_version: 'v1a',
      public_key: key.publicKey,
      created: restDateTime(key.created),
    };
  }
}
