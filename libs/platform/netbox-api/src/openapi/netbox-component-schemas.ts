import type { SchemaObject } from '@nestjs/swagger';
import { exactObject, schemaRef } from './openapi-schema';

/**
 * Component schemas every NetBox-style service shares (error bodies, OPTIONS metadata). Every service's
 * document carries them under the same names with the same content, so the gateway's merge keeps one.
 */
export const NETBOX_COMPONENT_SCHEMAS: Record<string, SchemaObject> = {
  NetBoxDetail: exactObject(
    { detail: { type: 'string' } },
    { description: "DRF's error body for errors that are not about fields." },
  ),
  NetBoxFieldErrors: {
    type: 'object',
    description:
      'DRF field errors: messages per field (`__all__`, `non_field_errors` for the object), or for a ' +
      'nested list one error object per item, `{}` for the valid ones.',
    additionalProperties: {
      anyOf: [
        { type: 'array', items: { type: 'string' } },
        { type: 'array', items: schemaRef('NetBoxFieldErrors') },
      ],
    },
  },
  NetBoxBadRequest: {
    description:
      'A 400: field errors, for a bulk request one field-error object per item (`{}` for the valid ' +
      'ones), or `{"detail": ...}` for a body that is not JSON.',
    anyOf: [
      schemaRef('NetBoxFieldErrors'),
      { type: 'array', items: schemaRef('NetBoxFieldErrors') },
      schemaRef('NetBoxDetail'),
    ],
  },
  NetBoxOptions: exactObject(
    {
      name: { type: 'string' },
      description: { type: 'string' },
      renders: { type: 'array', items: { type: 'string' } },
      parses: { type: 'array', items: { type: 'string' } },
    },
    {
      // DRF leaves `actions` out when the caller may not write (no token, a read-only token).
      optional: {
        actions: {
          type: 'object',
          properties: { POST: schemaRef('NetBoxOptionsFields'), PUT: schemaRef('NetBoxOptionsFields') },
          additionalProperties: false,
        },
      },
      description: 'DRF metadata (`OPTIONS`); pynetbox `choices()` reads `actions.POST.<field>.choices`.',
    },
  ),
  NetBoxOptionsFields: {
    type: 'object',
    additionalProperties: exactObject(
      {
        type: { type: 'string' },
        required: { type: 'boolean' },
        read_only: { type: 'boolean' },
        label: { type: 'string' },
      },
      {
        optional: {
          help_text: { type: 'string' },
          max_length: { type: 'integer' },
          choices: {
            type: 'array',
            items: exactObject({
              value: { anyOf: [{ type: 'string' }, { type: 'integer' }] },
              display_name: { type: 'string' },
            }),
          },
        },
      },
    ),
  },
};
