import { runMigrateCommand } from '@validity/platform/database';
import { loadDispatcherConfig } from './config';
import { MIGRATIONS } from './migrations';

const { database } = loadDispatcherConfig();
runMigrateCommand({ ...database, migrations: MIGRATIONS }).catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exitCode = 1;
});
