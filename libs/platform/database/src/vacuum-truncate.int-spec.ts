import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { testInfrastructure, uniqueName } from '@validity/testing';
import { keepEmptyPagesOnVacuum, returnEmptyPagesOnVacuum } from './vacuum-truncate';

describe('keepEmptyPagesOnVacuum on real PostgreSQL', () => {
  const schema = uniqueName('vacuum');
  const dataSource = new DataSource({ type: 'postgres', url: testInfrastructure().databaseUrl });
  const pages = async (table: string) =>
    Number(
      (
        (await dataSource.query(
          `SELECT pg_relation_size('"${schema}"."${table}"') / 8192 AS pages`,
        )) as Array<{
          pages: string;
        }>
      )[0].pages,
    );
  /**
   * A table whose every row was deleted, vacuumed: its pages before and after the vacuum. With `untilEmpty`
   * it vacuums again while pages remain: a snapshot another suite holds on the shared database keeps the
   * deleted rows (and so their pages) until it ends; the spec's timeout bounds the wait.
   */
  const emptiedAndVacuumed = async (table: string, untilEmpty = false) => {
    await dataSource.query(
      `INSERT INTO "${schema}"."${table}" SELECT g, repeat('x', 200) FROM generate_series(1, 5000) g`,
    );
    await dataSource.query(`DELETE FROM "${schema}"."${table}"`);
    const before = await pages(table);
    await dataSource.query(`VACUUM "${schema}"."${table}"`);
    while (untilEmpty && (await pages(table)) > 0) {
      await sleep(100);
      await dataSource.query(`VACUUM "${schema}"."${table}"`);
    }
    return { before, after: await pages(table) };
  };

  beforeAll(async () => {
    await dataSource.initialize();
    await dataSource.query(`CREATE SCHEMA "${schema}"`);
    for (const table of ['kept', 'returned'])
      await dataSource.query(`CREATE TABLE "${schema}"."${table}" (id integer PRIMARY KEY, filler text)`);
  });
  afterAll(async () => {
    await dataSource.query(`DROP SCHEMA "${schema}" CASCADE`);
    await dataSource.destroy();
  });

  it("keeps a table's emptied pages through a vacuum, where PostgreSQL would otherwise truncate them", async () => {
    const runner = dataSource.createQueryRunner();
    try {
      await keepEmptyPagesOnVacuum(runner, schema, ['kept']);
    } finally {
      await runner.release();
    }

    const kept = await emptiedAndVacuumed('kept');
    const returned = await emptiedAndVacuumed('returned', true);

    expect(kept.before).toBeGreaterThan(10);
    expect(kept.after).toBe(kept.before);
    expect(returned.after).toBe(0);
  });

  it('is undone by returnEmptyPagesOnVacuum', async () => {
    const runner = dataSource.createQueryRunner();
    try {
      await keepEmptyPagesOnVacuum(runner, schema, ['returned']);
      await returnEmptyPagesOnVacuum(runner, schema, ['returned']);
    } finally {
      await runner.release();
    }

    expect((await emptiedAndVacuumed('returned', true)).after).toBe(0);
  });
});
