import { IsIn, IsInt, IsString, Max, Min } from 'class-validator';
import { loadEnv, type LogLevel } from '@validity/platform/config';

/** Environment of the gateway (documented in .env.example). It owns no database. */
export class GatewayEnv {
  @IsString()
  HOST: string = '127.0.0.1';

  @IsInt()
  @Min(1)
  @Max(65535)
  GATEWAY_PORT: number = 8000;

  @IsIn(['debug', 'info', 'warn', 'error'])
  LOG_LEVEL: LogLevel = 'info';
}

export interface GatewayConfig {
  http: { name: string; host: string; port: number; logLevel: LogLevel };
}

export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const values = loadEnv(GatewayEnv, env);
  return Object.freeze({
    http: { name: 'gateway', host: values.HOST, port: values.GATEWAY_PORT, logLevel: values.LOG_LEVEL },
  });
}
