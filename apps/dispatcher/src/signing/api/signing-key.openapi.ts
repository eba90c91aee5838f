import type { SchemaObject } from '@nestjs/swagger';
import { exactObject, NETBOX_DATETIME, OBJECT_ID } from '@validity/platform/netbox-api';

/** `signingKeyRepresentation`, exactly. */
export const SIGNING_KEY_SCHEMAS: Record<string, SchemaObject> = {
  WebhookSigningKey: exactObject(
    {
      webhook_id: OBJECT_ID,
      algorithm: { type: 'string', enum: ['ed25519'] },
      signature_version: { type: 'string', enum: ['v1a'], description: 'The prefix in `webhook-signature`' },
      public_key: {
        type: 'string',
        pattern: '^whpk_[A-Za-z0-9+/]{43}=$',
        description: "Standard Webhooks' public key form: whpk_ + base64 of the 32 raw Ed25519 bytes",
      },
      created: NETBOX_DATETIME,
    },
    { description: "A webhook's Ed25519 public key (the private key never leaves the dispatcher)" },
  ),
};
