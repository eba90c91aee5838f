import type { WebhookDefinition } from '@validity/contracts';
import { renderTemplate, TemplateError } from '@validity/jinja-sandbox';

/** The parts of a webhook request that come from the webhook's definition and the event. */
export interface RenderedRequest {
  method: string;
  url: URL;
  /** Names as written, in NetBox's order: `Content-Type`, then the additional headers. */
  headers: Record<string, string>;
  body: Buffer;
}

export type RenderResult = { ok: true; request: RenderedRequest } | { ok: false; error: string };

type Definition = Pick<
  WebhookDefinition,
  'http_method' | 'http_content_type' | 'additional_headers' | 'body_template' | 'payload_url'
>;

/** The names NetBox 3.6 gives a webhook template, in its order. */
const CONTEXT_KEYS = ['event', 'timestamp', 'model', 'username', 'request_id', 'data', 'snapshots'];

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// Header values travel as Latin-1 without line breaks or control characters (HTAB is allowed).
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const BAD_HEADER_VALUE = /[\x00-\x08\x0a-\x1f\x7f]|[^\x00-\xff]/;
// Python's str.splitlines() boundaries, some of which are control characters.
// eslint-disable-next-line no-control-regex
const LINE_BREAK = /\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/;

/**
 * Builds the request as NetBox 3.6's webhook worker does: `Content-Type` from `http_content_type`, then
 * `additional_headers` rendered and split into lines, each at its first `:` (a header of the same name in
 * any case replaces an earlier one, `Content-Type` included); the body is the event as received unless
 * `body_template` is set; `payload_url` is rendered too. Never throws: a template, header or URL
 * error is returned, so it fails this delivery with the reason recorded.
 */
export function renderRequest(webhook: Definition, eventBody: Buffer): RenderResult {
  try {
    const context = lazyContext(eventBody);
    const headers = new Map<string, [string, string]>();
    headers.set('content-type', ['Content-Type', webhook.http_content_type]);
    for (const [name, value] of additionalHeaders(render(webhook.additional_headers, context))) {
      headers.set(name.toLowerCase(), [name, value]);
    }
    const body =
      webhook.body_template === '' ? eventBody : Buffer.from(render(webhook.body_template, context), 'utf8');
    return {
      ok: true,
      request: {
        method: webhook.http_method,
        url: receiverUrl(render(webhook.payload_url, context)),
        headers: Object.fromEntries(headers.values()),
        body,
      },
    };
  } catch (error) {
    if (error instanceof RenderError || error instanceof TemplateError)
      return { ok: false, error: error.message };
    throw error;
  }
}

/** A header or URL the rendering produced that cannot go on the wire. */
class RenderError extends Error {}

/** The event is parsed only when a template has markup to render. */
function lazyContext(eventBody: Buffer): () => Record<string, unknown> {
  let context: Record<string, unknown> | undefined;
  return () => {
    if (context === undefined) {
      let envelope: Record<string, unknown>;
      try {
        envelope = JSON.parse(eventBody.toString('utf8')) as Record<string, unknown>;
      } catch {
        throw new RenderError('the event body is not JSON, so templates cannot use it');
      }
      context = Object.fromEntries(CONTEXT_KEYS.map((key) => [key, envelope[key]]));
    }
    return context;
  };
}

function render(template: string, context: () => Record<string, unknown>): string {
  if (template === '') return '';
  const hasMarkup = /\{[{%#]/.test(template);
  try {
    return renderTemplate(template, hasMarkup ? context() : {});
  } catch (error) {
    if (error instanceof TemplateError) throw new TemplateError(`template error: ${error.message}`);
    throw error;
  }
}

function additionalHeaders(text: string): Array<[string, string]> {
  if (text === '') return [];
  const lines = text.split(LINE_BREAK);
  // splitlines() gives no empty last line for a trailing line break.
  if (lines.at(-1) === '') lines.pop();
  return lines.map((line, index) => {
    const colon = line.indexOf(':');
    if (colon === -1) {
      throw new RenderError(
        `additional_headers line ${index + 1} has no ":" (every line must be "Name: value")`,
      );
    }
    const name = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    if (!HEADER_NAME.test(name))
      throw new RenderError(`additional_headers line ${index + 1}: invalid header name`);
    if (BAD_HEADER_VALUE.test(value)) {
      throw new RenderError(
        `header "${name}" has a line break, control or non-Latin-1 character in its value`,
      );
    }
    return [name, value];
  });
}

function receiverUrl(rendered: string): URL {
  let url: URL | undefined;
  try {
    url = new URL(rendered.trim());
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new RenderError(`payload_url renders to ${JSON.stringify(rendered)}, which is not an http(s) URL`);
  }
  return url;
}
