import { IsInt, Max, Min } from 'class-validator';
import { loadEnv, PlatformEnv, toServiceConfig, type ServiceConfig } from '@validity/platform/config';

/** Environment of the dispatcher service (documented in .env.example). */
export class DispatcherEnv extends PlatformEnv {
  @IsInt()
  @Min(1)
  @Max(65535)
  DISPATCHER_PORT: number = 8003;
}

export function loadDispatcherConfig(env: NodeJS.ProcessEnv = process.env): ServiceConfig {
  const values = loadEnv(DispatcherEnv, env);
  return toServiceConfig('dispatcher', 'dispatcher', values.DISPATCHER_PORT, values);
}
