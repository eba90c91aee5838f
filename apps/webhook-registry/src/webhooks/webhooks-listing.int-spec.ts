import { startTestService, testServiceConfig, type TestService } from '@validity/service-testing';
import { aWebhookBody } from '@validity/testing';
import { AppModule } from '../app.module';
import { webhookApi, type WebhookBody } from './testing/webhook-api';

interface Page {
  count: number;
  next: string | null;
  previous: string | null;
  results: WebhookBody[];
}

/**
 * The list route on a schema of its own, so counts are exact: 55 webhooks `hook-00`..`hook-54`, where
 * every 5th is disabled, multiples of 3 watch compliance tests and use GET, the rest POST reports.
 */
describe('listing /api/extras/webhooks/ (NetBox 3.6 pagination, filters, brief)', () => {
  const TOTAL = 55;
  let service: TestService;
  let api: ReturnType<typeof webhookApi>;
  let ids: number[];

  const list = async (query: string) => {
    const answer = await api.get<Page>(`?${query}`);
    expect(answer.status).toBe(200);
    return answer.body;
  };
  const namesOf = (page: Page) => page.results.map((webhook) => webhook.name);

  beforeAll(async () => {
    const config = testServiceConfig('webhook-registry');
    service = await startTestService(AppModule.register(config), config);
    api = webhookApi(service);
    const bodies = Array.from({ length: TOTAL }, (_, index) =>
      aWebhookBody({
        name: `hook-${String(index).padStart(2, '0')}`,
        payload_url: `http://receiver-${index}.example/hook/`,
        enabled: index % 5 !== 0,
        content_types: index % 3 === 0 ? ['validity.compliancetest'] : ['validity.compliancereport'],
        http_method: index % 3 === 0 ? 'GET' : 'POST',
      }),
    );
    // Created in reverse so that name order and id order differ.
    const created = await api.post<WebhookBody[]>(bodies.reverse());
    expect(created.status).toBe(201);
    ids = created.body.map((webhook) => webhook.id as number).reverse();
  });
  afterAll(() => service.close());

  describe('pagination', () => {
    it('answers 50 by name by default, with an absolute next link', async () => {
      const page = await list('');
      expect(page.count).toBe(TOTAL);
      expect(namesOf(page)).toEqual(
        Array.from({ length: 50 }, (_, index) => `hook-${String(index).padStart(2, '0')}`),
      );
      expect(page.next).toBe(`${api.listUrl}?limit=50&offset=50`);
      expect(page.previous).toBeNull();
    });

    it('answers everything up to the maximum for limit=0, as pynetbox .all() asks', async () => {
      const page = await list('limit=0');
      expect([page.results.length, page.next]).toEqual([TOTAL, null]);
    });

    it('links back with an absolute previous link, keeping the filters', async () => {
      const page = await list('enabled=true&limit=10&offset=20');
      expect(page.count).toBe(44);
      expect(page.previous).toBe(`${api.listUrl}?enabled=true&limit=10&offset=10`);
      expect(page.next).toBe(`${api.listUrl}?enabled=true&limit=10&offset=30`);
    });

    it('answers an empty page past the end', async () => {
      expect((await list('offset=100')).results).toEqual([]);
    });
  });

  describe('filters', () => {
    it.each<[string, number]>([
      ['name=hook-07', 1],
      ['name=hook-07&name=hook-08', 2],
      ['name__ic=OOK-1', 10],
      ['name__isw=hook-5', 5],
      ['name__n=hook-07', TOTAL - 1],
      ['payload_url__ic=receiver-12.', 1],
      ['enabled=True', 44],
      ['enabled=true', 44],
      ['enabled=2', 44],
      ['enabled=1', TOTAL],
      ['enabled=false', 11],
      ['enabled=3', 11],
      ['enabled=true&enabled=', TOTAL],
      ['enabled=maybe', TOTAL],
      ['type_create=True', TOTAL],
      ['type_update=True', 0],
      ['content_types=validity.compliancetest', 19],
      ['content_types=Validity.ComplianceTest', 19],
      ['content_types=validity', 0],
      ['content_type_id=2', 19],
      ['content_type_id=1&content_type_id=2', TOTAL],
      ['content_type_id=99', 0],
      ['http_method=GET', 19],
      ['http_method=GET&http_method=POST', TOTAL],
      ['http_method__n=GET', 36],
      ['q=HOOK-4', 10],
      ['q=receiver-33', 1],
      ['q=', TOTAL],
      ['colour=red&cf_owner=noc', TOTAL],
      ['enabled=true&http_method=GET', 15],
    ])('%s matches %i', async (query, count) => {
      expect((await list(query)).count).toBe(count);
    });

    it('filters by id and its lookups', async () => {
      expect(namesOf(await list(`id=${ids[3]}`))).toEqual(['hook-03']);
      expect((await list(`id__lte=${ids[50]}`)).count).toBe(5);
      expect((await list(`id__n=${ids[3]}`)).count).toBe(TOTAL - 1);
    });

    it('answers 400 for a value a typed filter cannot read', async () => {
      for (const [query, errors] of [
        ['id=abc', { id: ['Enter a whole number.'] }],
        [
          'http_method=post',
          { http_method: ['Select a valid choice. post is not one of the available choices.'] },
        ],
        ['tag=core', { tag: ['Select a valid choice. core is not one of the available choices.'] }],
        ['created__gt=yesterday', { created__gt: ['Enter a valid date/time.'] }],
      ] as const) {
        const answer = await api.get(`?${query}`);
        expect([answer.status, answer.body]).toEqual([400, errors]);
      }
    });

    it('filters by creation time', async () => {
      const first = await api.get(`${ids[54]}/`);
      expect((await list(`created__gte=${encodeURIComponent(first.body.created as string)}`)).count).toBe(
        TOTAL,
      );
      expect((await list(`created__lt=${encodeURIComponent(first.body.created as string)}`)).count).toBe(0);
      expect((await list('created__lt=2000-01-01')).count).toBe(0);
    });
  });

  describe('representations and order', () => {
    it('answers the nested representation for ?brief=1, on the list and on a webhook', async () => {
      const page = await list('brief=1&limit=1');
      expect(page.results).toEqual([
        { id: ids[0], url: `${api.listUrl}${ids[0]}/`, display: 'hook-00', name: 'hook-00' },
      ]);
      expect((await api.get(`${ids[1]}/?brief=1`)).body).toEqual({
        id: ids[1],
        url: `${api.listUrl}${ids[1]}/`,
        display: 'hook-01',
        name: 'hook-01',
      });
    });

    it('orders by ?ordering=, ignoring unknown fields', async () => {
      expect(namesOf(await list('ordering=-name&limit=2'))).toEqual(['hook-54', 'hook-53']);
      expect(namesOf(await list('ordering=id&limit=2'))).toEqual(['hook-54', 'hook-53']);
      expect(namesOf(await list('ordering=-enabled,name&limit=2'))).toEqual(['hook-01', 'hook-02']);
      expect(namesOf(await list('ordering=colour&limit=2'))).toEqual(['hook-00', 'hook-01']);
    });

    it('answers 404 for an export template, as there are none', async () => {
      expect((await api.get('?export=csv')).status).toBe(404);
    });
  });
});
