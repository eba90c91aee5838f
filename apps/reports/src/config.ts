import { IsInt, Max, Min } from 'class-validator';
import { loadEnv, PlatformEnv, toServiceConfig, type ServiceConfig } from '@validity/platform/config';

/** Environment of the reports service (documented in .env.example). */
export class ReportsEnv extends PlatformEnv {
  @IsInt()
  @Min(1)
  @Max(65535)
  REPORTS_PORT: number = 8001;
}

export function loadReportsConfig(env: NodeJS.ProcessEnv = process.env): ServiceConfig {
  const values = loadEnv(ReportsEnv, env);
  return toServiceConfig('reports', 'reports', values.REPORTS_PORT, values);
}
