import { runRebuildProjectionsCommand } from '@validity/platform/event-store';
import { loadWebhookRegistryConfig } from './config';
import { MIGRATIONS } from './migrations';
import { WebhookProjection } from './webhooks/store/webhook-projection';
import { WebhookTable } from './webhooks/store/webhook-table';

const { database } = loadWebhookRegistryConfig();
runRebuildProjectionsCommand({ ...database, migrations: MIGRATIONS }, (schema) => [
  new WebhookProjection(schema, new WebhookTable(schema)),
]).catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exitCode = 1;
});
