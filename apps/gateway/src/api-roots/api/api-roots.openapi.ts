import type { SchemaObject } from '@nestjs/swagger';
import { ABSOLUTE_URL, exactObject } from '@validity/platform/netbox-api';

/** `ApiRootsController`'s and `InstalledPluginsController`'s answers. */
export const API_ROOT_SCHEMAS: Record<string, SchemaObject> = {
  ApiAppRoot: {
    type: 'object',
    description: "An app's API root: endpoint name -> absolute URL, sorted by name",
    additionalProperties: ABSOLUTE_URL,
  },
  InstalledPlugins: {
    type: 'array',
    items: exactObject({
      name: { type: 'string' },
      package: { type: 'string' },
      author: { type: 'string' },
      author_email: { type: 'string' },
      description: { type: 'string' },
      version: { type: 'string' },
    }),
  },
};
