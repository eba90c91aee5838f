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

/** The read-only fields every NetBox serializer starts with, as DRF's metadata describes them. */
export const NETBOX_OBJECT_OPTIONS = {
  id: { type: 'integer', read_only: true, label: 'ID' },
  url: { type: 'field', read_only: true, label: 'Url' },
  display: { type: 'field', read_only: true, label: 'Display' },
} satisfies Record<string, OptionsField>;

/** The change-logging times every NetBox model ends with. */
export const CHANGE_LOGGED_OPTIONS = {
  created: { type: 'datetime', read_only: true, label: 'Created' },
  last_updated: { type: 'datetime', read_only: true, label: 'Last updated' },
} satisfies Record<string, OptionsField>;

export interface OptionsMetadataSpec {
  /** DRF's view name, e.g. `Webhook List`. */
  name: string;
  description?: string;
  fields: Readonly<Record<string, OptionsField>>;
  /**
   * The list route also takes PUT (NetBox's bulk update, which every `NetBoxModelViewSet` has): NetBox's
   * `BulkOperationMetadata.determine_actions` then describes the fields under `PUT` too.
   */
  bulkUpdate?: boolean;
}

export interface OptionsMetadata {
  name: string;
  description: string;
  renders: string[];
  parses: string[];
  actions: { POST: OptionsActionFields; PUT?: OptionsActionFields };
}

/** The fields of one method under `actions`, each with `required` and `read_only` spelled out. */
export type OptionsActionFields = Record<string, OptionsField & { required: boolean; read_only: boolean }>;

/**
 * The body of `OPTIONS` on a NetBox list or detail route (DRF metadata), for a controller's `@Options()`
 * handler. pynetbox's `choices()` reads `actions.POST.<field>.choices`. As in DRF, read-only fields
 * never list choices, and `renders`/`parses` are NetBox 3.6's renderer and parser media types.
 */
export function optionsMetadata({
  name,
  description = '',
  fields,
  bulkUpdate = false,
}: OptionsMetadataSpec): OptionsMetadata {
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
    // NetBox 3.6's DEFAULT_PARSER_CLASSES: JSONParser and MultiPartParser (no form parser).
    parses: ['application/json', 'multipart/form-data'],
    // DRF iterates `{'PUT', 'POST'} & allowed_methods`, a Python set, so NetBox's own key order varies
    // between processes; POST first is the order pynetbox users see most and what the webhooks answer.
    actions: bulkUpdate ? { POST: post, PUT: post } : { POST: post },
  };
}

/**
 * OPTIONS on a detail route, from the list route's: DRF names the view `<Model> Instance` and describes
 * the fields under PUT only (there is no POST to a detail route).
 */
export function instanceOptionsMetadata(
  list: OptionsMetadata,
): ViewMetadata & { actions: { PUT: OptionsActionFields } } {
  return { ...list, name: list.name.replace(/ List$/, ' Instance'), actions: { PUT: list.actions.POST } };
}

/** What DRF's metadata says of every view: no `actions` (a user who may not write, or a view with no serializer). */
export type ViewMetadata = Omit<OptionsMetadata, 'actions'>;

/**
 * DRF's `SimpleMetadata` answer to OPTIONS on a view without a serializer (NetBox's API roots and
 * status): the view's name and description (its docstring), renderers and parsers, no `actions`.
 */
export function viewMetadata(name: string, description = ''): ViewMetadata {
  return withoutActions(optionsMetadata({ name, description, fields: {} }));
}

/** The metadata without `actions`, as DRF shows it to a user who may not POST or PUT. */
export function withoutActions(metadata: Partial<OptionsMetadata>): ViewMetadata {
  const copy: Partial<OptionsMetadata> = { ...metadata };
  delete copy.actions;
  return copy as ViewMetadata;
}
