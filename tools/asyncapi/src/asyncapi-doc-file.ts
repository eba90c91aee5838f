import { join } from 'node:path';

/** The committed AsyncAPI document, rewritten by `npm run asyncapi:doc`. */
export const ASYNCAPI_DOC_FILE = join(__dirname, '..', '..', '..', 'docs', 'asyncapi.json');
