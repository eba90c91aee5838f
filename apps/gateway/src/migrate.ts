import { runMigrateCommand } from '@validity/platform/database';
import { loadGatewayConfig } from './config';
import { MIGRATIONS } from './migrations';

const { database } = loadGatewayConfig();
runMigrateCommand({ ...database, migrations: MIGRATIONS }).catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exitCode = 1;
});
