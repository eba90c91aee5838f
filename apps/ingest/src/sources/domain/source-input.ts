import { pythonTypeName } from '@validity/contracts';
import {
  booleanField,
  charField,
  DRF_MESSAGES,
  InvalidFieldValue,
  NetBoxValidationError,
} from '@validity/platform/netbox-api';
import { SOURCE_DEFAULTS, type SourceFields } from './source';

type Errors = Record<string, string[]>;

/** Django's `validate_slug` message: the name is a path segment of the ingest URL. */
const SLUG_MESSAGE = 'Enter a valid “slug” consisting of letters, numbers, underscores or hyphens.';
const URL_MESSAGE = 'Enter a valid URL.';

/**
 * Reads a create (`partial` false: every required field, defaults for the rest) or a PATCH (`partial`
 * true: only the fields sent, over `current`) with DRF's field parsers; throws one 400 naming every bad
 * field.
 */
export function readSourceInput(
  body: unknown,
  current: SourceFields | undefined,
  partial: boolean,
): SourceFields {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new NetBoxValidationError({
      non_field_errors: [`Invalid data. Expected a dictionary, but got ${pythonTypeName(body)}.`],
    });
  }
  const input = body as Record<string, unknown>;
  const base: Partial<SourceFields> = partial && current ? { ...current } : { ...SOURCE_DEFAULTS };
  const errors: Errors = {};
  const fields: Partial<SourceFields> = { ...base };

  const text = (key: 'name' | 'secret' | 'description' | 'netbox_url', max: number, required: boolean) => {
    if (!Object.hasOwn(input, key)) {
      if (required && !partial) errors[key] = [DRF_MESSAGES.required];
      return;
    }
    const value = charField({ maxLength: max, allowBlank: !required })(input[key]);
    if (value instanceof InvalidFieldValue) errors[key] = [value.message];
    else fields[key] = value ?? '';
  };
  text('name', 100, true);
  text('secret', 255, true);
  text('description', 200, false);
  text('netbox_url', 500, false);

  if (errors.name === undefined && fields.name !== undefined && !/^[-a-zA-Z0-9_]+$/.test(fields.name)) {
    errors.name = [SLUG_MESSAGE];
  }
  if (errors.netbox_url === undefined && fields.netbox_url !== undefined && fields.netbox_url !== '') {
    if (!isHttpUrl(fields.netbox_url)) errors.netbox_url = [URL_MESSAGE];
  }
  if (Object.hasOwn(input, 'enabled')) {
    const enabled = booleanField(input.enabled);
    if (enabled instanceof InvalidFieldValue) errors.enabled = [enabled.message];
    else fields.enabled = enabled;
  }

  if (Object.keys(errors).length > 0) throw new NetBoxValidationError(errors);
  return fields as SourceFields;
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}
