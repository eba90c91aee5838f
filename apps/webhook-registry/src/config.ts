import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, Max, Min } from 'class-validator';
import {
  DestinationPolicy,
  WEBHOOK_COMMANDS_TOPIC,
  type DestinationPolicySettings,
} from '@validity/contracts';
import {
  IsNetworkList,
  loadEnv,
  PlatformEnv,
  toServiceConfig,
  type ServiceConfig,
} from '@validity/platform/config';
import type { WebhookLifecycleSettings } from './webhooks/domain/webhook-lifecycle-settings';

/** Environment of the webhook-registry service (documented in .env.example). */
export class WebhookRegistryEnv extends PlatformEnv {
  @IsInt()
  @Min(1)
  @Max(65535)
  WEBHOOK_REGISTRY_PORT: number = 8002;

  /** The dispatcher's setting, read here too so a webhook to a refused receiver gets a 400 when written. */
  // From the raw text: implicit conversion would read the string "false" as true.
  @Transform(({ obj, key, value }) => {
    const raw = (obj as Record<string, unknown>)[key];
    return raw === 'true' ? true : raw === 'false' ? false : raw === undefined ? value : raw;
  })
  @IsBoolean({ message: 'DELIVERY_BLOCK_PRIVATE must be true or false' })
  DELIVERY_BLOCK_PRIVATE: boolean = false;

  /** The dispatcher's setting: networks receivers may be on whatever the other rules say. */
  @IsNetworkList()
  DELIVERY_ALLOW_NETWORKS: string = '';

  /** Seconds a rotated-out secret keeps signing beside the new one (0: none). */
  @IsInt()
  @Min(0)
  @Max(31_536_000)
  WEBHOOK_SECRET_OVERLAP: number = 86_400;
}

export interface RegistryConfig extends ServiceConfig {
  /** The destination policy `payload_url` is checked against when a webhook is written. */
  destinations: DestinationPolicySettings;
  lifecycle: WebhookLifecycleSettings;
}

export function loadWebhookRegistryConfig(env: NodeJS.ProcessEnv = process.env): RegistryConfig {
  const values = loadEnv(WebhookRegistryEnv, env);
  return {
    ...toServiceConfig('webhook-registry', 'registry', values.WEBHOOK_REGISTRY_PORT, values),
    destinations: {
      blockPrivate: values.DELIVERY_BLOCK_PRIVATE,
      allowNetworks: DestinationPolicy.parseNetworkList(values.DELIVERY_ALLOW_NETWORKS) ?? [],
    },
    lifecycle: {
      secretOverlapMs: values.WEBHOOK_SECRET_OVERLAP * 1000,
      commandsTopic: WEBHOOK_COMMANDS_TOPIC,
    },
  };
}
