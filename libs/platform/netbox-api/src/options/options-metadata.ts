/** DRF's `SimpleMetadata.label_lookup` names for serializer fields. */
export type OptionsFieldType =
  | 'field'
  | 'boolean'
  | 'string'
  | 'url'
  | 'email'
  | 'regex'
  | 'slug'
  | 'integer'
  | 'float'
  | 'decimal'
  | 'date'
  | 'datetime'
  | 'time'
  | 'duration'
  | 'choice'
  | 'multiple choice'
  | 'file upload'
  | 'image upload'
  | 'list'
  | 'nested object';

export interface OptionsChoice {
  value: string | number;
  display_name: string;
}

/** One serializer field as DRF describes it; `required` and `read_only` default to false. */
export interface OptionsField {
  type: OptionsFieldType;
  label: string;
  required?: boolean;
  read_only?: boolean;
  help_text?: string;
  max_length?: number;
  choices?: readonly OptionsChoice[];
}

export interface OptionsMetadataSpec {
  /** DRF's view name, e.g. `Webhook List`. */
  name: string;
  description?: string;
  fields: Readonly<Record<string, OptionsField>>;
}

export interface OptionsMetadata {
  name: string;
  description: string;
  renders: string[];
  parses: string[];
  actions: { POST: Record<string, OptionsField & { required: boolean; read_only: boolean }> };
}

/**
 * The body of `OPTIONS` on a NetBox list or detail route (DRF metadata), for a controller's `@Options()`
 * handler. pynetbox's `choices()` reads `actions.POST.<field>.choices`. As in DRF, read-only fields
 * never list choices, and `renders`/`parses` are NetBox 3.6's renderer and parser media types.
 */
export function optionsMetadata({ name, description = '', fields }: OptionsMetadataSpec): OptionsMetadata {
  const post = Object.fromEntries(
    Object.entries(fields).map(([field, { required = false, read_only = false, choices, ...info }]) => [
      field,
      {
        type: info.type,
        required,
        read_only,
        label: info.label,
        ...(info.help_text === undefined ? {} : { help_text: info.help_text }),
        ...(info.max_length === undefined ? {} : { max_length: info.max_length }),
        ...(choices === undefined || read_only ? {} : { choices }),
      },
    ]),
  );
  return {
    name,
    description,
    renders: ['application/json', 'text/html'],
    parses: ['application/json', 'multipart/form-data', 'application/x-www-form-urlencoded'],
    actions: { POST: post },
  };
}
