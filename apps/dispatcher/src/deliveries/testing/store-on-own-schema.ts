import type { DataSource } from 'typeorm';
import { createServiceDataSource, migrateServiceSchema } from '@validity/platform/database';
import { MIGRATIONS } from '../../migrations';
import { SqlClient } from '../../storage/sql-client';
import { DeliveryStore } from '../store/delivery-store';

/** A data source on a schema of its own with the dispatcher's migrations applied, for store specs. */
export async function migratedDataSource(databaseUrl: string, schema: string): Promise<DataSource> {
  const dataSource = createServiceDataSource({ url: databaseUrl, schema, migrations: MIGRATIONS });
  await dataSource.initialize();
  await migrateServiceSchema(dataSource, schema);
  return dataSource;
}

/** A delivery store on a schema of its own, for store specs: `start` in `beforeAll`, `drop` in `afterAll`. */
export class StoreOnOwnSchema {
  private constructor(
    readonly dataSource: DataSource,
    private readonly schema: string,
    readonly sql: SqlClient,
    readonly store: DeliveryStore,
  ) {}

  static async start(databaseUrl: string, schema: string): Promise<StoreOnOwnSchema> {
    const dataSource = await migratedDataSource(databaseUrl, schema);
    const sql = new SqlClient(dataSource, schema);
    return new StoreOnOwnSchema(dataSource, schema, sql, new DeliveryStore(sql));
  }

  async drop(): Promise<void> {
    await this.dataSource.query(`DROP SCHEMA "${this.schema}" CASCADE`);
    await this.dataSource.destroy();
  }
}
