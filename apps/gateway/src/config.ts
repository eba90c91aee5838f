import { IsInt, IsUrl, Max, Min } from 'class-validator';
import { loadEnv, PlatformEnv, toServiceConfig, type ServiceConfig } from '@validity/platform/config';

const URL_OPTIONS = { require_tld: false, protocols: ['http', 'https'] };

/** Environment of the gateway (documented in .env.example). */
export class GatewayEnv extends PlatformEnv {
  @IsInt()
  @Min(1)
  @Max(65535)
  GATEWAY_PORT: number = 8000;

  @IsUrl(URL_OPTIONS)
  REPORTS_URL: string = 'http://127.0.0.1:8001';

  @IsUrl(URL_OPTIONS)
  WEBHOOK_REGISTRY_URL: string = 'http://127.0.0.1:8002';

  @IsUrl(URL_OPTIONS)
  DISPATCHER_URL: string = 'http://127.0.0.1:8003';

  @IsUrl(URL_OPTIONS)
  INGEST_URL: string = 'http://127.0.0.1:8004';
}

/** The gateway routes requests and owns `/api/users/` (API tokens, schema `users`). */
export interface GatewayConfig extends ServiceConfig {
  upstreams: { reports: string; 'webhook-registry': string; dispatcher: string; ingest: string };
}

export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');

export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const values = loadEnv(GatewayEnv, env);
  return Object.freeze({
    ...toServiceConfig('gateway', 'users', values.GATEWAY_PORT, values),
    upstreams: {
      reports: values.REPORTS_URL,
      'webhook-registry': values.WEBHOOK_REGISTRY_URL,
      dispatcher: values.DISPATCHER_URL,
      ingest: values.INGEST_URL,
    },
  });
}
