import { DataSource } from 'typeorm';
import { testInfrastructure, uniqueName } from '@validity/testing';
import { inlineParameters, queryStatements } from './statement-list';

describe('queryStatements on real PostgreSQL', () => {
  const schema = uniqueName('statements');
  const dataSource = new DataSource({ type: 'postgres', url: testInfrastructure().databaseUrl });

  beforeAll(async () => {
    await dataSource.initialize();
    await dataSource.query(`CREATE SCHEMA "${schema}"`);
    await dataSource.query(`CREATE TABLE "${schema}".notes (id integer PRIMARY KEY, body text, doc jsonb)`);
  });
  afterAll(async () => {
    await dataSource.query(`DROP SCHEMA "${schema}" CASCADE`);
    await dataSource.destroy();
  });

  it('reads back every kind of parameter exactly as the extended protocol does', async () => {
    const awkward = `it's a \\ back'slash "quoted" \\" $1 -- not a comment /* nor this */ ${'é'.repeat(3)}`;
    const parameters = [
      awkward,
      42,
      -7.25,
      true,
      null,
      [1, 2, 3],
      [awkward, null, '', 'NULL', '{x}', 'a,b'],
      JSON.stringify({ text: awkward, list: [1, null] }),
      [JSON.stringify({ a: "o'k\\" }), JSON.stringify([awkward])],
      '9007199254740993',
      [],
      Buffer.from([0, 39, 92, 255]),
    ];
    const sql = `SELECT $1::text AS a, $2::integer AS b, $3::numeric AS c, $4::boolean AS d, $5::text AS e,
      $6::integer[] AS f, $7::text[] AS g, $8::jsonb AS h, $9::jsonb[] AS i, $10::bigint AS j, $11::text[] AS k,
      $12::bytea AS l,
      '$1' AS quoted, "n"."$2" AS identifier FROM (SELECT 'x' AS "$2") n`;
    const viaParameters: unknown[] = await dataSource.query(sql, parameters);
    const viaStatements = await dataSource.transaction((manager) =>
      queryStatements(manager, [{ sql, parameters }]),
    );
    expect(viaStatements[0]).toEqual(viaParameters);
    expect(viaStatements[0][0]).toMatchObject({ a: awkward, quoted: '$1', identifier: 'x' });
  });

  it("runs the statements in order in one transaction and answers each one's rows", async () => {
    const answers = await dataSource.transaction((manager) =>
      queryStatements(manager, [
        { sql: `INSERT INTO "${schema}".notes (id, body) VALUES ($1, $2)`, parameters: [1, 'one'] },
        { sql: `INSERT INTO "${schema}".notes (id, body) VALUES (2, 'two') RETURNING id` },
        { sql: `SELECT id, body FROM "${schema}".notes ORDER BY id` },
      ]),
    );
    expect(answers).toEqual([
      [],
      [{ id: 2 }],
      [
        { id: 1, body: 'one' },
        { id: 2, body: 'two' },
      ],
    ]);
  });

  it('fails as a whole and writes nothing when one statement fails', async () => {
    await expect(
      dataSource.transaction((manager) =>
        queryStatements(manager, [
          { sql: `INSERT INTO "${schema}".notes (id, body) VALUES (3, 'three')` },
          { sql: `INSERT INTO "${schema}".notes (id, body) VALUES (1, 'again')` },
        ]),
      ),
    ).rejects.toMatchObject({ code: '23505' });
    expect(await dataSource.query(`SELECT id FROM "${schema}".notes WHERE id = 3`)).toEqual([]);
  });
});

describe('inlineParameters', () => {
  it('refuses a placeholder without its parameter, NUL characters and dates', () => {
    expect(() => inlineParameters('SELECT $2', [1])).toThrow(RangeError);
    expect(() => inlineParameters('SELECT $1', ['a\0b'])).toThrow(RangeError);
    expect(() => inlineParameters('SELECT $1', [new Date()])).toThrow(TypeError);
  });

  it('leaves placeholders inside quotes and identifiers alone', () => {
    expect(inlineParameters(`SELECT '$1', "$1", $1`, ["it's"])).toBe(`SELECT '$1', "$1", E'it''s'`);
  });
});
