import { readFileSync } from 'node:fs';
import { renderAsyncApiDocument } from '@validity/contracts';
import { asyncApiErrors } from '@validity/schema-testing';
import { ASYNCAPI_DOC_FILE } from './asyncapi-doc-file';

describe('docs/asyncapi.json', () => {
  // Contract drift fails CI: a change to topics, headers or representations must ship a new document.
  it('is exactly what the generator produces (run `npm run asyncapi:doc` after changing the contracts)', () => {
    expect(readFileSync(ASYNCAPI_DOC_FILE, 'utf8')).toBe(renderAsyncApiDocument());
  });

  it('parses with the AsyncAPI parser without an error diagnostic', async () => {
    expect(await asyncApiErrors(readFileSync(ASYNCAPI_DOC_FILE, 'utf8'))).toEqual([]);
  });
});
