import type { Provider } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EventStoreWrites } from '@validity/platform/event-store';
import { NAME_TAKEN as SELECTOR_NAME_TAKEN } from './compliance-selectors/store/selector-name-uniqueness';
import { NAME_TAKEN as TEST_NAME_TAKEN } from './compliance-tests/store/test-name-uniqueness';
import { REPORTS_TABLES, type ReportsTables } from './storage/reports-tables';

/**
 * The reports service's one write path (`EventStoreWrites`): every use case that changes an aggregate
 * runs its transaction through it. A name that a concurrent request took between the use case's own
 * check and its insert gets the same 400 the check gives.
 */
export const reportsWritesProvider: Provider = {
  provide: EventStoreWrites,
  inject: [DataSource, REPORTS_TABLES],
  useFactory: (dataSource: DataSource, tables: ReportsTables) =>
    new EventStoreWrites({
      dataSource,
      schema: tables.schema,
      uniqueViolations: {
        compliance_tests_name_key: { name: [TEST_NAME_TAKEN] },
        compliance_selectors_name_key: { name: [SELECTOR_NAME_TAKEN] },
      },
    }),
};
