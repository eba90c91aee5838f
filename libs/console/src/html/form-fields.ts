import { html, type SafeHtml } from './safe-html';

export interface FieldChoice {
  value: string;
  label: string;
}

/** One form field, named as the API field it fills (NetBox's names), with NetBox's help text. */
export interface FieldSpec {
  name: string;
  label: string;
  kind:
    | 'text'
    | 'password'
    | 'textarea'
    | 'checkbox'
    | 'select'
    | 'multiselect'
    | 'number'
    | 'url'
    | 'datetime-local';
  required?: boolean;
  help?: string;
  choices?: readonly FieldChoice[];
  /** Code-like input (templates, conditions): monospace, no spell checking. */
  code?: boolean;
}

/** Field name → messages, as DRF answers a 400 (`{"name": ["This field is required."]}`). */
export type FieldErrors = Record<string, string[]>;

export type FormValues = Record<string, string | string[] | boolean | undefined>;

/**
 * A labelled control with its help text and its errors directly under it, tied together with
 * `aria-describedby` so a screen reader reads label, value, message and help in that order.
 */
export function renderField(
  spec: FieldSpec,
  value: FormValues[string],
  errors: readonly string[] = [],
): SafeHtml {
  const id = `id_${spec.name}`;
  const described = [errors.length ? `${id}_errors` : '', spec.help ? `${id}_help` : '']
    .filter(Boolean)
    .join(' ');
  const common = html` id="${id}"
  name="${spec.name}"${spec.required ? html` required aria-required="true"` : ''}${
    errors.length ? html` aria-invalid="true"` : ''
  }${described ? html` aria-describedby="${described}"` : ''}`;
  const text = typeof value === 'string' ? value : '';
  const selected = new Set(Array.isArray(value) ? value : typeof value === 'string' ? [value] : []);
  let control: SafeHtml;
  switch (spec.kind) {
    case 'checkbox':
      control = html`<input type="checkbox" value="true" ${common}${value === true ? html` checked` : ''} />`;
      break;
    case 'textarea':
      control = html`<textarea
        rows="${spec.code ? 6 : 3}"
        ${common}${spec.code ? html` class="code" spellcheck="false"` : ''}
      >
${text}</textarea>`;
      break;
    case 'select':
    case 'multiselect':
      control = html`<select${common}${spec.kind === 'multiselect' ? html` multiple size="${Math.min(6, spec.choices?.length ?? 1)}"` : ''}>${
        spec.kind === 'select' && !spec.required ? html`<option value="">---------</option>` : ''
      }${(spec.choices ?? []).map(
        (choice) =>
          html`<option value="${choice.value}" ${selected.has(choice.value) ? html` selected` : ''}>
            ${choice.label}
          </option>`,
      )}</select>`;
      break;
    case 'password':
      // A secret is never written back into a page: the field is always empty.
      control = html`<input type="password" autocomplete="new-password" ${common} />`;
      break;
    default:
      control = html`<input
        type="${spec.kind}"
        value="${text}"
        ${common}${spec.code ? html` class="code" spellcheck="false"` : ''}
      />`;
  }
  const label = html`<label for="${id}"
    >${spec.label}${spec.required ? html`<span class="required" aria-hidden="true"> *</span>` : ''}</label
  >`;
  return html`<div
    class="field${spec.kind === 'checkbox' ? ' checkbox' : ''}${errors.length ? ' has-error' : ''}"
  >
    ${spec.kind === 'checkbox' ? html`${control}${label}` : html`${label}${control}`}
    ${
      errors.length
        ? html`<ul class="errors" id="${id}_errors">
            ${errors.map((message) => html`<li>${message}</li>`)}
          </ul>`
        : ''
    }
    ${spec.help ? html`<p class="help" id="${id}_help">${spec.help}</p>` : ''}
  </div>`;
}

/**
 * DRF's 400 body as messages per field; what names no field of the form (`__all__`,
 * `non_field_errors`, `detail`, nested bulk shapes) is returned under `''` for the form's alert.
 */
export function fieldErrorsOf(body: unknown, fieldNames: readonly string[]): FieldErrors {
  const errors: FieldErrors = {};
  const add = (field: string, message: string) => (errors[field] ??= []).push(message);
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    add('', typeof body === 'string' ? body : 'The API refused the request.');
    return errors;
  }
  for (const [field, value] of Object.entries(body as Record<string, unknown>)) {
    const target = fieldNames.includes(field) ? field : '';
    const messages = Array.isArray(value) ? value : [value];
    for (const message of messages) {
      const text = typeof message === 'string' ? message : JSON.stringify(message);
      add(
        target,
        target || field === 'detail' || field === 'non_field_errors' || field === '__all__'
          ? text
          : `${field}: ${text}`,
      );
    }
  }
  return errors;
}

/** The messages at the top of a refused form: what names no field, or a pointer to the fields below. */
export function formMessages(errors: FieldErrors): string[] {
  const general = errors[''] ?? [];
  const perField = Object.keys(errors).some((field) => field !== '');
  return perField ? [...general, 'Please correct the errors below.'] : general;
}
