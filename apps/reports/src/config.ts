import { IsInt, Max, Min } from 'class-validator';
import { loadEnv, PlatformEnv, toServiceConfig, type ServiceConfig } from '@validity/platform/config';

/** Environment of the reports service (documented in .env.example). */
export class ReportsEnv extends PlatformEnv {
  @IsInt()
  @Min(1)
  @Max(65535)
  REPORTS_PORT: number = 8001;

  /** Validity's `store_reports`: how many of the newest compliance reports are kept (1-1000, as Validity). */
  @IsInt()
  @Min(1)
  @Max(1000)
  STORE_REPORTS: number = 5;
}

export interface ReportsConfig extends ServiceConfig {
  retention: { storeReports: number };
}

export const REPORTS_CONFIG = Symbol('REPORTS_CONFIG');

export function loadReportsConfig(env: NodeJS.ProcessEnv = process.env): ReportsConfig {
  const values = loadEnv(ReportsEnv, env);
  return Object.freeze({
    ...toServiceConfig('reports', 'reports', values.REPORTS_PORT, values),
    retention: { storeReports: values.STORE_REPORTS },
  });
}
