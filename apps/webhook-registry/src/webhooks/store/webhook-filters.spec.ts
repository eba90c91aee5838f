import { DataSource } from 'typeorm';
import { applyFilters } from '@validity/platform/netbox-api';
import { WEBHOOK_FILTERS, webhookOrdering } from './webhook-filters';

// Never initialized: building SQL needs the postgres dialect, not a connection.
const dataSource = new DataSource({ type: 'postgres' });

function whereOf(query: Record<string, string | string[]>): [string, unknown[]] {
  const builder = dataSource.createQueryBuilder().select('*').from('webhooks', 'w');
  const [sql, parameters] = applyFilters(builder, WEBHOOK_FILTERS, query).getQueryAndParameters();
  return [sql.replace('SELECT * FROM "webhooks" "w"', '').trim(), parameters];
}

describe('webhook filters', () => {
  it('match content_types case-insensitively, and a value without exactly one dot matches nothing', () => {
    expect(whereOf({ content_types: 'Validity.ComplianceReport' })).toEqual([
      'WHERE $1 = ANY(w.content_types)',
      ['validity.compliancereport'],
    ]);
    expect(whereOf({ content_types: 'validity' })).toEqual(['WHERE FALSE', []]);
  });

  it('map content_type_id to the registry’s object types', () => {
    expect(whereOf({ content_type_id: ['1', '4', '99'] })).toEqual([
      'WHERE w.content_types && $1::text[]',
      [['validity.compliancereport', 'extras.webhook']],
    ]);
    expect(() => whereOf({ content_type_id: 'x' })).toThrow();
  });
});

describe('webhookOrdering', () => {
  it.each<[string | undefined, string[]]>([
    [undefined, ['w.name ASC', 'w.id ASC']],
    ['-created', ['w.created DESC', 'w.id ASC']],
    ['enabled, -name', ['w.enabled ASC', 'w.name DESC', 'w.id ASC']],
    ['colour,conditions', ['w.name ASC', 'w.id ASC']],
  ])('reads ?ordering=%s', (ordering, terms) => {
    expect(webhookOrdering(ordering).map(({ column, direction }) => `${column} ${direction}`)).toEqual(terms);
  });
});
