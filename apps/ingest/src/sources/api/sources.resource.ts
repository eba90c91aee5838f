import { netboxResource, schemaRef } from '@validity/platform/netbox-api';
import { SOURCE, SOURCE_FILTERS } from './source.openapi';

/** `/api/ingest/sources/` for the NetBox resource kit: OpenAPI operations and write routes (no OPTIONS). */
export const SOURCES = netboxResource({
  controller: 'SourcesController',
  path: 'api/ingest/sources',
  singular: 'NetBox source',
  plural: 'NetBox sources',
  representation: SOURCE,
  brief: schemaRef('BriefIngestSource'),
  filters: SOURCE_FILTERS,
  writable: 'WritableIngestSource',
  patched: 'PatchedWritableIngestSource',
  writes: { create: { summary: 'Register a NetBox source' }, replace: {}, modify: {}, remove: {} },
});
