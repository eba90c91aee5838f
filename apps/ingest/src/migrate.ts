import { runMigrateCommand } from '@validity/platform/database';
import { loadIngestConfig } from './config';
import { MIGRATIONS } from './migrations';

const { database } = loadIngestConfig();
runMigrateCommand({ ...database, migrations: MIGRATIONS }).catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exitCode = 1;
});
