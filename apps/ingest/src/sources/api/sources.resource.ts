import { netboxResource } from '@validity/platform/netbox-api';
import { SOURCE, SOURCE_LIST_QUERY, SOURCE_OR_BRIEF } from './source.openapi';

/** `/api/ingest/sources/` for the NetBox resource kit: OpenAPI operations (no OPTIONS). */
export const SOURCES = netboxResource({
  controller: 'SourcesController',
  path: 'api/ingest/sources',
  singular: 'NetBox source',
  plural: 'NetBox sources',
  representation: SOURCE,
  representationOrBrief: SOURCE_OR_BRIEF,
  listQuery: SOURCE_LIST_QUERY,
  writable: 'WritableIngestSource',
  patched: 'PatchedWritableIngestSource',
});
