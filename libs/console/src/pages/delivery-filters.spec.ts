import { deliveryApiQuery, deliveryFiltersOf } from './delivery-filters';

describe('delivery filters', () => {
  it('keeps only the list’s filters with a value and reads datetime-local values as UTC', () => {
    const filters = deliveryFiltersOf({
      id: ' 7 ',
      status: 'failed',
      event: '',
      created__gte: '2026-12-02T13:05',
      page: '2',
    });
    expect(filters).toEqual({ id: '7', status: 'failed', created__gte: '2026-12-02T13:05' });
    expect(deliveryApiQuery(filters)).toEqual({
      id: '7',
      status: 'failed',
      created__gte: '2026-12-02T13:05:00Z',
    });
  });
});
