import { writeFileSync } from 'node:fs';
import { renderAsyncApiDocument } from '@validity/contracts';
import { ASYNCAPI_DOC_FILE } from './asyncapi-doc-file';

// `npm run asyncapi:doc`: the committed copy is for readers and tools without a running gateway.
writeFileSync(ASYNCAPI_DOC_FILE, renderAsyncApiDocument());
process.stdout.write(`written to ${ASYNCAPI_DOC_FILE}\n`);
