import { runMigrateCommand } from '@validity/platform/database';
import { loadReportsConfig } from './config';
import { MIGRATIONS } from './migrations';

const { database } = loadReportsConfig();
runMigrateCommand({ ...database, migrations: MIGRATIONS }).catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exitCode = 1;
});
