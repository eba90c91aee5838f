import { parseAdditionalHeaderLine } from '@validity/contracts';
import { checkTemplate, templateLines } from '@validity/jinja-sandbox';
import type { WebhookSettings } from '../domain/webhook';

/** The fields NetBox renders as Jinja2 templates at delivery time. */
export const TEMPLATE_FIELDS = ['payload_url', 'additional_headers', 'body_template'] as const;

export type TemplateFields = Partial<Pick<WebhookSettings, (typeof TEMPLATE_FIELDS)[number]>>;

/** A header text with many bad lines gets this many named, then a count: an answer, not an echo. */
const MAX_REPORTED_LINES = 5;

/**
 * Refusals beyond NetBox 3.6, which stores these fields unchecked and fails every delivery of a bad one
 * (or, for injected headers, sends it). Each refused value is one whose delivery can never succeed,
 * or could only succeed by sending something the webhook's author cannot have meant:
 * - a template that does not parse: every rendering fails at the same syntax error;
 * - a template that names a private member (`{{ data.__class__ }}`): a sandbox escape attempt that
 *   the sandbox refuses at render time anyway (see `findUnsafeAccess`);
 * - an `additional_headers` line the template prints as written that NetBox cannot split into
 *   `Name: value` (an empty line included), that no HTTP client sends, or that would smuggle a
 *   framing or routing header (see `parseAdditionalHeaderLine`). Lines with markup are checked when
 *   rendered, by the dispatcher, with the same rule.
 * Only the fields the request sets are checked: a webhook stored before these rules keeps working, and
 * can still be edited, until its template is changed.
 */
export function webhookTemplateErrors(fields: TemplateFields): Record<string, string[]> | undefined {
  const errors: Record<string, string[]> = {};
  for (const field of TEMPLATE_FIELDS) {
    const template = fields[field];
    if (template === undefined || template === '') continue;
    const check = checkTemplate(template);
    if (!check.ok) errors[field] = [check.message];
    else if (field === 'additional_headers') {
      const lineErrors = headerLineErrors(template);
      if (lineErrors.length > 0) errors[field] = lineErrors;
    }
  }
  return Object.keys(errors).length > 0 ? errors : undefined;
}

/** One message per bad line, each naming its line as `str.splitlines()` numbers the text. */
function headerLineErrors(template: string): string[] {
  const messages = templateLines(template).flatMap((line) => {
    if (!line.verbatim) return [];
    const parsed = parseAdditionalHeaderLine(line.text);
    return parsed.ok ? [] : [`Line ${line.number}: ${parsed.reason}.`];
  });
  if (messages.length <= MAX_REPORTED_LINES) return messages;
  const more = messages.length - MAX_REPORTED_LINES;
  return [
    ...messages.slice(0, MAX_REPORTED_LINES),
    `${more} more line${more === 1 ? '' : 's'} refused likewise.`,
  ];
}
