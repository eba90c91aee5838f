import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildAsyncApiDocument } from '@validity/contracts';

const apiUrl = process.env.SYSTEM_API_URL!;
const committed = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'asyncapi.json'), 'utf8');

describe('the AsyncAPI document at /api/asyncapi/', () => {
  it('answers without a token, as JSON equal to the generator output and to docs/asyncapi.json', async () => {
    const response = await fetch(`${apiUrl}asyncapi/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json\b/);
    const served = (await response.json()) as unknown;
    expect(served).toEqual(buildAsyncApiDocument());
    // Key order carries meaning (envelope keys are listed in wire order), so compare the text too.
    expect(`${JSON.stringify(served, null, 2)}\n`).toBe(committed);
  });
});
