import { isBrief } from './brief';
import { paginate, parsePagination } from './pagination';

const LIST = 'https://netbox.example/api/extras/webhooks/';

describe('parsePagination', () => {
  it.each([
    [{}, { limit: 50, offset: 0 }],
    [{ limit: '0' }, { limit: 1000, offset: 0 }],
    [{ limit: '1001' }, { limit: 1000, offset: 0 }],
    [
      { limit: '25', offset: '75' },
      { limit: 25, offset: 75 },
    ],
    [{ limit: ' +25 ' }, { limit: 25, offset: 0 }],
    [{ limit: '-1' }, { limit: 50, offset: 0 }],
    [{ limit: '2.5' }, { limit: 50, offset: 0 }],
    [{ limit: 'all' }, { limit: 50, offset: 0 }],
    [{ offset: '-10' }, { limit: 50, offset: 0 }],
    [{ offset: 'x' }, { limit: 50, offset: 0 }],
    [{ limit: ['10', '20'] }, { limit: 20, offset: 0 }],
  ])('reads %j as %j', (query, page) => {
    expect(parsePagination(query)).toEqual(page);
  });

  it('takes the default and the maximum from the options', () => {
    expect(parsePagination({}, { defaultLimit: 10, maxLimit: 100 })).toEqual({ limit: 10, offset: 0 });
    expect(parsePagination({ limit: '0' }, { defaultLimit: 10, maxLimit: 100 })).toEqual({
      limit: 100,
      offset: 0,
    });
  });
});

describe('paginate', () => {
  const results = ['a', 'b'];

  it('links the first page to the next one only', () => {
    expect(paginate(new URL(`${LIST}?limit=2`), 5, results, { limit: 2, offset: 0 })).toEqual({
      count: 5,
      next: `${LIST}?limit=2&offset=2`,
      previous: null,
      results,
    });
  });

  it('drops offset from previous when it would be 0 or less, keeping other parameters sorted as DRF does', () => {
    const page = paginate(new URL(`${LIST}?name=x&offset=1&limit=2&enabled=True`), 5, results, {
      limit: 2,
      offset: 1,
    });
    expect(page.next).toBe(`${LIST}?enabled=True&limit=2&name=x&offset=3`);
    expect(page.previous).toBe(`${LIST}?enabled=True&limit=2&name=x`);
  });

  it('keeps repeated parameters and replaces limit=0 with the limit applied', () => {
    const page = paginate(new URL(`${LIST}?tag=b&tag=a&limit=0&offset=2000`), 2500, results, {
      limit: 1000,
      offset: 2000,
    });
    expect(page.next).toBeNull();
    expect(page.previous).toBe(`${LIST}?limit=1000&offset=1000&tag=b&tag=a`);
  });

  it('has no next link on the last page', () => {
    expect(paginate(new URL(LIST), 4, results, { limit: 2, offset: 2 }).next).toBeNull();
  });

  it('links an offset past the end back by one page', () => {
    expect(paginate(new URL(LIST), 3, [], { limit: 2, offset: 10 })).toEqual({
      count: 3,
      next: null,
      previous: `${LIST}?limit=2&offset=8`,
      results: [],
    });
  });
});

describe('isBrief', () => {
  it.each([
    [{ brief: '1' }, true],
    [{ brief: 'true' }, true],
    [{ brief: 'yes' }, true],
    [{}, false],
    [{ brief: '' }, false],
    [{ brief: '0' }, false],
    [{ brief: 'false' }, false],
    [{ brief: 'False' }, false],
    [{ brief: ['1', '0'] }, false],
  ])('%j -> %s', (query, brief) => {
    expect(isBrief(query)).toBe(brief);
  });
});
