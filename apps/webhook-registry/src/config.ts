import { IsInt, Max, Min } from 'class-validator';
import { loadEnv, PlatformEnv, toServiceConfig, type ServiceConfig } from '@validity/platform/config';

/** Environment of the webhook-registry service (documented in .env.example). */
export class WebhookRegistryEnv extends PlatformEnv {
  @IsInt()
  @Min(1)
  @Max(65535)
  WEBHOOK_REGISTRY_PORT: number = 8002;
}

export function loadWebhookRegistryConfig(env: NodeJS.ProcessEnv = process.env): ServiceConfig {
  const values = loadEnv(WebhookRegistryEnv, env);
  return toServiceConfig('webhook-registry', 'registry', values.WEBHOOK_REGISTRY_PORT, values);
}
