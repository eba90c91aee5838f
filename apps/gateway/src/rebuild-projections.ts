import { runRebuildProjectionsCommand } from '@validity/platform/event-store';
import { loadGatewayConfig } from './config';
import { MIGRATIONS } from './migrations';
import { ApiTokenProjection } from './users/store/api-token-projection';
import { ApiTokenTable } from './users/store/api-token-table';

const { database } = loadGatewayConfig();
runRebuildProjectionsCommand({ ...database, migrations: MIGRATIONS }, (schema) => [
  new ApiTokenProjection(schema, new ApiTokenTable(schema)),
]).catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exitCode = 1;
});
