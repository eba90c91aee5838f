import { join } from 'node:path';
import { runPythonClient, uniqueName } from '@validity/testing';

const apiUrl = process.env.SYSTEM_API_URL!;
const adminToken = process.env.SYSTEM_ADMIN_TOKEN!;
const baseUrl = apiUrl.replace(/\/api\/$/, '');

describe('the webhook API through the gateway, with pynetbox', () => {
  it('runs the Validity doc snippet verbatim, then get, filter, all (1,001+), count, save, bulk update/delete, delete', () => {
    const run = uniqueName('run');
    const seen = runPythonClient<Record<string, unknown>>(
      join(__dirname, 'clients', 'pynetbox_webhooks.py'),
      {
        NB_URL: baseUrl,
        NB_TOKEN: adminToken,
        RUN_ID: run,
      },
    );
    const created = seen.created as { id: number };
    expect(seen).toEqual({
      snippet_returned: { type: 'Record', id: created.id },
      created: {
        id: expect.any(Number),
        url: `${apiUrl}extras/webhooks/${created.id}/`,
        display: 'sample_webhook',
        http_method: 'POST',
        content_types: ['validity.compliancereport'],
        type_create: true,
        enabled: true,
      },
      got_by_id: 'sample_webhook',
      missing_is_none: true,
      filtered_ids: [created.id],
      searched_names: expect.arrayContaining(['sample_webhook']),
      listed: true,
      count: 1,
      http_method_choices: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
      saved: true,
      after_save: { enabled: false, secret: 's3cr3t' },
      bad_create: {
        status: 400,
        message:
          "The request failed with code 400 Bad Request: {'__all__': ['At least one event type must be selected: create, update, delete, job_start, and/or job_end.']}",
      },
      bulk_created: 1001,
      all: { length: expect.any(Number), has_every_bulk_webhook: true },
      filtered_bulk: 1001,
      first_page_of_limit_0: {
        count: 1001,
        results: 1000,
        next: `${apiUrl}extras/webhooks/?limit=1000&name__isw=bulk-${run}-&offset=1000`,
      },
      bulk_updated: [
        [`bulk-${run}-0000`, 'PUT'],
        [`bulk-${run}-0001`, 'PUT'],
        [`bulk-${run}-0002`, 'PATCH'],
      ],
      bulk_deleted: true,
      count_after_bulk_delete: 0,
      deleted: true,
      deleted_is_gone: true,
    });
    // The 1,001 plus the sample: more than one page of 1,000, which pynetbox must have followed.
    expect((seen.all as { length: number }).length).toBeGreaterThan(1001);
  });
});
