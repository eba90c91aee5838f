import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type SelectQueryBuilder } from 'typeorm';
import {
  applyFilters,
  NetBoxValidationError,
  type Pagination,
  type QueryParams,
} from '@validity/platform/netbox-api';
import { INGEST_SCHEMA } from '../../config';
import type { HookSources } from '../../netbox-hooks/domain/hook-sources';
import type { Source, SourceFields } from '../domain/source';
import { SOURCE_FILTERS } from './source-filters';

interface SourceRow extends Omit<Source, 'id' | 'created' | 'last_updated'> {
  id: string;
  created: string;
  last_updated: string;
}

// DRF's datetime text: microseconds, `Z` for UTC (PostgreSQL's own text would say `+00`).
const DATETIME = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** The one owner of the `sources` table; the name's uniqueness comes from its constraint. */
@Injectable()
export class SourceStore implements HookSources {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(INGEST_SCHEMA) private readonly schema: string,
  ) {}

  async list(query: QueryParams, page: Pagination): Promise<{ sources: Source[]; count: number }> {
    const filtered = applyFilters(this.select(), SOURCE_FILTERS, query);
    const counted: { count: string } | undefined = await filtered
      .clone()
      .select('COUNT(*)', 'count')
      .getRawOne();
    const rows = await filtered
      .orderBy('s.name', 'ASC')
      .offset(page.offset)
      .limit(page.limit)
      .getRawMany<SourceRow>();
    return { sources: rows.map(toSource), count: Number(counted?.count ?? 0) };
  }

  async find(id: number): Promise<Source | undefined> {
    const row = await this.select().where('s.id = :id', { id }).getRawOne<SourceRow>();
    return row === undefined ? undefined : toSource(row);
  }

  async findByName(name: string): Promise<Source | undefined> {
    const row = await this.select().where('s.name = :name', { name }).getRawOne<SourceRow>();
    return row === undefined ? undefined : toSource(row);
  }

  async insert(fields: SourceFields): Promise<number> {
    const rows = await this.unique<{ id: string }[]>(
      `INSERT INTO "${this.schema}"."sources" ("name", "description", "secret", "enabled", "netbox_url")
       VALUES ($1, $2, $3, $4, $5) RETURNING "id"`,
      [fields.name, fields.description, fields.secret, fields.enabled, fields.netbox_url],
    );
    return Number(rows[0].id);
  }

  async update(id: number, fields: SourceFields): Promise<void> {
    await this.unique(
      `UPDATE "${this.schema}"."sources"
       SET "name" = $2, "description" = $3, "secret" = $4, "enabled" = $5, "netbox_url" = $6, "last_updated" = now()
       WHERE "id" = $1`,
      [id, fields.name, fields.description, fields.secret, fields.enabled, fields.netbox_url],
    );
  }

  async delete(id: number): Promise<void> {
    await this.dataSource.query(`DELETE FROM "${this.schema}"."sources" WHERE "id" = $1`, [id]);
  }

  /** A duplicate name becomes DRF's unique-validator message rather than a 500. */
  private async unique<T>(sql: string, parameters: unknown[]): Promise<T> {
    try {
      return (await this.dataSource.query(sql, parameters)) as T;
    } catch (error) {
      if ((error as { code?: string }).code === '23505') {
        throw new NetBoxValidationError({ name: ['source with this name already exists.'] });
      }
      throw error;
    }
  }

  private select(): SelectQueryBuilder<SourceRow> {
    return this.dataSource
      .createQueryBuilder()
      .from(`${this.schema}.sources`, 's')
      .select([
        's.id AS id',
        's.name AS name',
        's.description AS description',
        's.secret AS secret',
        's.enabled AS enabled',
        's.netbox_url AS netbox_url',
        `${DATETIME('s.created')} AS created`,
        `${DATETIME('s.last_updated')} AS last_updated`,
      ]) as SelectQueryBuilder<SourceRow>;
  }
}

function toSource(row: SourceRow): Source {
  return { ...row, id: Number(row.id) };
}
