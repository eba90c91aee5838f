import { DataSource } from 'typeorm';
import { NetBoxValidationError } from '../errors/netbox-validation.error';
import type { QueryParams } from '../listing/query-params';
import { applyFilters } from './apply-filters';
import { booleanFilter } from './boolean-filter';
import { choiceFilter } from './choice-filter';
import { customFilter } from './custom-filter';
import { dateTimeFilter } from './date-time-filter';
import { InvalidFilterValueError, type FilterSet } from './filter';
import { numberFilter } from './number-filter';
import { searchFilter } from './search-filter';
import { stringFilter } from './string-filter';

// Never initialized: building SQL needs the postgres driver's dialect, not a connection.
const dataSource = new DataSource({ type: 'postgres' });

const WEBHOOK_FILTERS: FilterSet = {
  id: numberFilter('w.id'),
  name: stringFilter('w.name'),
  enabled: booleanFilter('w.enabled'),
  http_method: choiceFilter('w.http_method', ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
  created: dateTimeFilter('w.created'),
  q: searchFilter(['w.name', 'w.payload_url']),
  content_types: customFilter((values, parameterName) => {
    if (!values[0].includes('.')) throw new InvalidFilterValueError('Expected app_label.model.');
    return {
      sql: `:${parameterName(0)} = ANY(w.content_types)`,
      parameters: { [parameterName(0)]: values[0] },
    };
  }),
};

const SELECT = 'SELECT * FROM "webhooks" "w"';

function sqlFor(query: QueryParams): [string, unknown[]] {
  const builder = dataSource.createQueryBuilder().select('*').from('webhooks', 'w');
  return applyFilters(builder, WEBHOOK_FILTERS, query).getQueryAndParameters();
}

function errorBodyFor(query: QueryParams): unknown {
  try {
    sqlFor(query);
  } catch (error) {
    if (error instanceof NetBoxValidationError) return error.body();
    throw error;
  }
  throw new Error('expected a NetBoxValidationError');
}

describe('applyFilters', () => {
  it('adds nothing for unknown parameters, pagination parameters and unknown lookups', () => {
    expect(
      sqlFor({ limit: '10', offset: '5', brief: '1', colour: 'red', name__regex: 'x', enabled__n: 'true' }),
    ).toEqual([SELECT, []]);
  });

  it('ANDs parameters and ORs the values of one parameter', () => {
    expect(sqlFor({ name: ['a', 'b'], enabled: 'True' })).toEqual([
      `${SELECT} WHERE (w.name = $1 OR w.name = $2) AND w.enabled = $3`,
      ['a', 'b', true],
    ]);
  });

  it('drops blank values, as NetBox multi-value filters do', () => {
    expect(sqlFor({ name: ['', 'b'], id: '' })).toEqual([`${SELECT} WHERE w.name = $1`, ['b']]);
  });

  describe('string lookups', () => {
    it.each([
      ['name', 'x%_\\y', 'w.name = $1', 'x%_\\y'],
      ['name__n', 'x', '(w.name = $1) IS NOT TRUE', 'x'],
      ['name__ic', 'x%_\\y', 'w.name ILIKE $1', '%x\\%\\_\\\\y%'],
      ['name__nic', 'x', '(w.name ILIKE $1) IS NOT TRUE', '%x%'],
      ['name__ie', 'a_b', 'w.name ILIKE $1', 'a\\_b'],
      ['name__nie', 'ab', '(w.name ILIKE $1) IS NOT TRUE', 'ab'],
      ['name__isw', 'ab', 'w.name ILIKE $1', 'ab%'],
      ['name__nisw', 'ab', '(w.name ILIKE $1) IS NOT TRUE', 'ab%'],
      ['name__iew', 'ab', 'w.name ILIKE $1', '%ab'],
      ['name__niew', 'ab', '(w.name ILIKE $1) IS NOT TRUE', '%ab'],
      // PostgreSQL refuses offsets past ±15:59, Django takes any under a day: bounds are sent in UTC.
      ['created', '1583-10-17T22:26:41.824774-18:28', 'w.created = $1', '1583-10-18T16:54:41.824774+00:00'],
    ])('%s=%s -> %s', (parameter, value, condition, bound) => {
      expect(sqlFor({ [parameter]: value })).toEqual([`${SELECT} WHERE ${condition}`, [bound]]);
    });

    it('negates several values as "none of them", keeping NULLs like Django exclude()', () => {
      expect(sqlFor({ name__nic: ['a', 'b'] })).toEqual([
        `${SELECT} WHERE ((w.name ILIKE $1 OR w.name ILIKE $2)) IS NOT TRUE`,
        ['%a%', '%b%'],
      ]);
    });

    it.each([
      ['true', "COALESCE(w.name, '') = ''"],
      ['false', "w.name <> ''"],
    ])('name__empty=%s -> %s', (value, condition) => {
      expect(sqlFor({ name__empty: value })).toEqual([`${SELECT} WHERE ${condition}`, []]);
    });

    it('ignores name__empty with a value that is not a boolean', () => {
      expect(sqlFor({ name__empty: 'maybe' })).toEqual([SELECT, []]);
    });
  });

  describe('number lookups', () => {
    it.each([
      ['id', 'w.id = $1::bigint'],
      ['id__n', '(w.id = $1::bigint) IS NOT TRUE'],
      ['id__gt', 'w.id > $1::bigint'],
      ['id__gte', 'w.id >= $1::bigint'],
      ['id__lt', 'w.id < $1::bigint'],
      ['id__lte', 'w.id <= $1::bigint'],
    ])('%s=7 -> %s', (parameter, condition) => {
      expect(sqlFor({ [parameter]: '7' })).toEqual([`${SELECT} WHERE ${condition}`, [7]]);
    });

    it('reads integers as Django IntegerField does (blanks, sign, zero fraction)', () => {
      expect(sqlFor({ id: [' 7 ', '-2', '5.0'] })).toEqual([
        `${SELECT} WHERE (w.id = $1::bigint OR w.id = $2::bigint OR w.id = $3::bigint)`,
        [7, -2, 5],
      ]);
    });

    it.each([
      ['true', 'w.id IS NULL'],
      ['false', 'w.id IS NOT NULL'],
    ])('id__empty=%s -> %s', (value, condition) => {
      expect(sqlFor({ id__empty: value })).toEqual([`${SELECT} WHERE ${condition}`, []]);
    });

    it.each(['abc', '1.5', '1e3', '0x10', '99999999999999999999'])('answers 400 for id=%s', (value) => {
      expect(errorBodyFor({ id: ['1', value] })).toEqual({ id: ['Enter a whole number.'] });
    });
  });

  describe('date-time lookups', () => {
    it.each([
      ['created', '2023-04-12T19:36:33.690567Z', 'w.created = $1', '2023-04-12T19:36:33.690567+00:00'],
      ['created__n', '2023-04-12 19:36', '(w.created = $1) IS NOT TRUE', '2023-04-12T19:36:00.000000+00:00'],
      ['created__gt', '2023-04-12', 'w.created > $1', '2023-04-12T00:00:00.000000+00:00'],
      ['created__gte', '2023-04-12T19:36:33+02:00', 'w.created >= $1', '2023-04-12T17:36:33.000000+00:00'],
      ['created__lt', '2023-04-12T19:36:33.5-0530', 'w.created < $1', '2023-04-13T01:06:33.500000+00:00'],
      ['created__lte', '0099-01-01T00:00:00+05', 'w.created <= $1', '0098-12-31T19:00:00.000000+00:00'],
      // PostgreSQL refuses offsets past ±15:59, Django takes any under a day: bounds are sent in UTC.
      ['created', '1583-10-17T22:26:41.824774-18:28', 'w.created = $1', '1583-10-18T16:54:41.824774+00:00'],
    ])('%s=%s -> %s', (parameter, value, condition, bound) => {
      expect(sqlFor({ [parameter]: value })).toEqual([`${SELECT} WHERE ${condition}`, [bound]]);
    });

    it('created__empty=true -> IS NULL', () => {
      expect(sqlFor({ created__empty: 'true' })).toEqual([`${SELECT} WHERE w.created IS NULL`, []]);
    });

    it.each([
      'yesterday',
      '2023-02-30',
      '2023-13-01',
      '2023-01-01T24:00',
      '2023-01-01T10:60',
      '0000-01-01',
      '0001-01-01T00:00+05:00',
    ])('answers 400 for created__gt=%s', (value) => {
      expect(errorBodyFor({ created__gt: value })).toEqual({ created__gt: ['Enter a valid date/time.'] });
    });
  });

  it('answers 400 for a NUL character in any filter value, which PostgreSQL cannot take', () => {
    expect(errorBodyFor({ name__ic: 'a\u0000b', q: '\u0000' })).toEqual({
      name__ic: ['Null characters are not allowed.'],
      q: ['Null characters are not allowed.'],
    });
  });

  describe('choice lookups', () => {
    it('matches any of the values, and __n none of them', () => {
      expect(sqlFor({ http_method: ['GET', 'POST'], http_method__n: 'DELETE' })).toEqual([
        `${SELECT} WHERE (w.http_method = $1 OR w.http_method = $2) AND (w.http_method = $3) IS NOT TRUE`,
        ['GET', 'POST', 'DELETE'],
      ]);
    });

    it('answers 400 for a value that is not a choice (choices are case-sensitive)', () => {
      expect(errorBodyFor({ http_method: ['GET', 'post'] })).toEqual({
        http_method: ['Select a valid choice. post is not one of the available choices.'],
      });
    });
  });

  describe('boolean filters', () => {
    // Django 4.2 NullBooleanSelect.value_from_datadict, as run: docs/netbox-compatibility.md "Boolean filters".
    it.each([
      ['true', true],
      ['True', true],
      ['2', true],
      ['false', false],
      ['False', false],
      ['3', false],
    ])('enabled=%s filters on %s', (value, bound) => {
      expect(sqlFor({ enabled: value })).toEqual([`${SELECT} WHERE w.enabled = $1`, [bound]]);
    });

    it.each(['1', '0', 'yes', 'no', 'TRUE', 'FALSE', 'on', 'off', 't', 'f', ' true', 'null'])(
      'enabled=%s does not filter (NetBox ignores it)',
      (value) => {
        expect(sqlFor({ enabled: value })).toEqual([SELECT, []]);
      },
    );

    it('uses the last value when the parameter repeats, as Django does', () => {
      expect(sqlFor({ enabled: ['true', 'false'] })).toEqual([`${SELECT} WHERE w.enabled = $1`, [false]]);
    });

    it('does not filter when the last value is blank, even after a valid one', () => {
      expect(sqlFor({ enabled: ['true', ''] })).toEqual([SELECT, []]);
    });
  });

  describe('q', () => {
    it('matches a case-insensitive substring of any listed column, wildcards escaped', () => {
      expect(sqlFor({ q: '50%_off' })).toEqual([
        `${SELECT} WHERE (w.name ILIKE $1 OR w.payload_url ILIKE $1)`,
        ['%50\\%\\_off%'],
      ]);
    });

    it('does not filter on a blank value', () => {
      expect(sqlFor({ q: '   ' })).toEqual([SELECT, []]);
    });
  });

  it('applies a custom filter and reports its invalid values under the parameter', () => {
    expect(sqlFor({ content_types: 'validity.compliancereport' })).toEqual([
      `${SELECT} WHERE $1 = ANY(w.content_types)`,
      ['validity.compliancereport'],
    ]);
    expect(errorBodyFor({ content_types: 'nodot' })).toEqual({
      content_types: ['Expected app_label.model.'],
    });
  });

  it('reports every bad parameter in one 400 body', () => {
    expect(errorBodyFor({ id: 'x', created__lt: 'y', http_method: 'FOO', name: 'fine' })).toEqual({
      id: ['Enter a whole number.'],
      created__lt: ['Enter a valid date/time.'],
      http_method: ['Select a valid choice. FOO is not one of the available choices.'],
    });
  });
});
