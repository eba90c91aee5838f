import type { ServiceConfig } from '@validity/platform/config';
import type { ReportsConfig } from '../config';

/** The reports config of an in-process test service, from the generic one `testServiceConfig` gives. */
export function reportsTestConfig(service: ServiceConfig, storeReports = 5): ReportsConfig {
  return { ...service, retention: { storeReports } };
}
