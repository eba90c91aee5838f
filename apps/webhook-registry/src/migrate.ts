import { runMigrateCommand } from '@validity/platform/database';
import { loadWebhookRegistryConfig } from './config';
import { MIGRATIONS } from './migrations';

const { database } = loadWebhookRegistryConfig();
runMigrateCommand({ ...database, migrations: MIGRATIONS }).catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exitCode = 1;
});
