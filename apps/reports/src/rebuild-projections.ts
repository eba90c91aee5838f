import { runRebuildProjectionsCommand } from '@validity/platform/event-store';
import { loadReportsConfig } from './config';
import { MIGRATIONS } from './migrations';
import { reportsProjections } from './reports-projections';

const { database } = loadReportsConfig();
runRebuildProjectionsCommand({ ...database, migrations: MIGRATIONS }, reportsProjections).catch(
  (error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exitCode = 1;
  },
);
