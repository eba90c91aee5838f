import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { testInfrastructure, uniqueName } from '@validity/testing';
import { inFoldedTransaction } from './folded-transaction';
import { queryStatements } from './statement-list';

describe('inFoldedTransaction on real PostgreSQL', () => {
  const schema = uniqueName('folded');
  const dataSource = new DataSource({ type: 'postgres', url: testInfrastructure().databaseUrl, poolSize: 1 });
  const notes = `"${schema}".notes`;
  /** A connection of its own, to read what other sessions see (its queries are not counted). */
  const outside = new Client({ connectionString: testInfrastructure().databaseUrl });
  const insert = (id: number) => ({ sql: `INSERT INTO ${notes} (id) VALUES ($1)`, parameters: [id] });
  const stored = async () =>
    ((await dataSource.query(`SELECT id FROM ${notes} ORDER BY id`)) as Array<{ id: number }>).map(
      (row) => row.id,
    );
  /** The texts each round trip sent to PostgreSQL during `work`. */
  const roundTrips = async (work: () => Promise<unknown>) => {
    const sent: string[] = [];
    const original = Client.prototype.query;
    const spy = jest.spyOn(Client.prototype, 'query').mockImplementation(function (
      this: Client,
      ...args: unknown[]
    ) {
      if (this !== outside && typeof args[0] === 'string') sent.push(args[0]);
      return (original as (...inner: unknown[]) => unknown).apply(this, args);
    } as never);
    try {
      await work();
    } finally {
      spy.mockRestore();
    }
    return sent;
  };

  beforeAll(async () => {
    await dataSource.initialize();
    await outside.connect();
    await dataSource.query(`CREATE SCHEMA "${schema}"`);
    await dataSource.query(`CREATE TABLE ${notes} (id integer PRIMARY KEY)`);
  });
  afterEach(() => dataSource.query(`TRUNCATE ${notes}`));
  afterAll(async () => {
    await outside.end();
    await dataSource.query(`DROP SCHEMA "${schema}" CASCADE`);
    await dataSource.destroy();
  });

  it('sends BEGIN with the first statement list and COMMIT with the last: two round trips', async () => {
    let seenOutside: number[] = [];
    const sent = await roundTrips(() =>
      inFoldedTransaction(dataSource, async (manager, commitWith) => {
        expect(await queryStatements(manager, [insert(1)])).toEqual([[]]);
        seenOutside = (await outside.query<{ id: number }>(`SELECT id FROM ${notes}`)).rows.map((r) => r.id);
        expect(await commitWith([insert(2), { sql: `SELECT count(*)::int AS n FROM ${notes}` }])).toEqual([
          [],
          [{ n: 2 }],
        ]);
      }),
    );
    expect(seenOutside).toEqual([]);
    expect(await stored()).toEqual([1, 2]);
    expect(sent).toHaveLength(2);
    expect(sent[0]).toMatch(/^BEGIN;\n/);
    expect(sent[1]).toMatch(/;\nCOMMIT$/);
  });

  it('sends BEGIN before any other query of the manager, so it is inside the transaction too', async () => {
    await expect(
      inFoldedTransaction(dataSource, async (manager) => {
        await manager.query(`INSERT INTO ${notes} (id) VALUES ($1)`, [1]);
        await queryStatements(manager, [insert(2)]);
        throw new Error('the work failed');
      }),
    ).rejects.toThrow('the work failed');
    expect(await stored()).toEqual([]);
  });

  it('commits on its own when the work does not call commitWith', async () => {
    await inFoldedTransaction(dataSource, (manager) => queryStatements(manager, [insert(1)]));
    expect(await stored()).toEqual([1]);
  });

  it('rolls back everything when a statement of the last list fails, and leaves the connection clean', async () => {
    await expect(
      inFoldedTransaction(dataSource, async (manager, commitWith) => {
        await queryStatements(manager, [insert(1)]);
        await commitWith([insert(2), insert(2)]);
      }),
    ).rejects.toMatchObject({ code: '23505' });
    expect(await stored()).toEqual([]);
    // The pool's one connection is out of the aborted transaction: the next one works.
    await inFoldedTransaction(dataSource, (manager, commitWith) => commitWith([insert(3)]));
    expect(await stored()).toEqual([3]);
  });
});
