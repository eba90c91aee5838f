import { parseAdditionalHeaderLine, type WebhookDefinition } from '@validity/contracts';
import {
  hasPythonLineBreak,
  pythonSplitLines,
  renderTemplate,
  TemplateError,
  type RenderOptions,
} from '@validity/jinja-sandbox';

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

/** The names NetBox 3.6 gives a webhook template, in its order, and those NetBox 4.6's body adds. */
const CONTEXT_KEYS = [
  'event',
  'timestamp',
  'model',
  'username',
  'request_id',
  'data',
  'snapshots',
  'object_type',
  'request',
];

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_CHARACTER = /[\x00-\x08\x0a-\x1f\x7f]/;

/**
 * In `additional_headers` the lines (so the headers) come from the template's own text, never from
 * event data: a printed value with a line break would otherwise add headers of the data's choosing
 * (`X-Name: {{ data.name }}` with a name `x\r\nAuthorization: ...`), which NetBox 3.6 allows. Other
 * control characters would be refused in the header anyway; saying so here names the template line.
 */
const HEADER_TEMPLATE: RenderOptions = {
  checkPrinted: (text) =>
    hasPythonLineBreak(text) || CONTROL_CHARACTER.test(text)
      ? 'a value printed into additional_headers has a line break or control character (use the header_safe filter)'
      : undefined,
};

/**
 * Requests of webhooks whose templates print nothing from the event, rendered once per definition (a
 * changed webhook is a new definition object): parsing the URL and the header lines was a tenth of a
 * delivery's CPU, the same work for every event. `null`: the templates use the event.
 */
const fixedRequests = new WeakMap<Definition, RenderResult | null>();

function hasMarkup(webhook: Definition): boolean {
  return [webhook.payload_url, webhook.additional_headers, webhook.body_template].some((template) =>
    MARKUP.test(template),
  );
}

const MARKUP = /\{[{%#]/;

/**
 * Builds the request as NetBox 3.6's webhook worker does: `Content-Type` from `http_content_type`, then
 * `additional_headers` rendered and split into lines, each at its first `:` (a header of the same name in
 * any case replaces an earlier one, `Content-Type` included); the body is the event as received unless
 * `body_template` is set; `payload_url` is rendered too. Each rendered header line must pass
 * `parseAdditionalHeaderLine`, the rule the registry applies to what it can check at write time, and
 * printed values may not add lines (`HEADER_TEMPLATE`). Never throws: a template, header or URL error is
 * returned, so it fails this delivery with the reason recorded.
 */
export function renderRequest(webhook: Definition, eventBody: Buffer): RenderResult {
  let fixed = fixedRequests.get(webhook);
  if (fixed === undefined) {
    fixed = hasMarkup(webhook) ? null : renderOnce(webhook, Buffer.alloc(0));
    fixedRequests.set(webhook, fixed);
  }
  if (fixed === null) return renderOnce(webhook, eventBody);
  if (!fixed.ok || webhook.body_template !== '') return fixed;
  return { ok: true, request: { ...fixed.request, body: eventBody } };
}

function renderOnce(webhook: Definition, eventBody: Buffer): RenderResult {
  try {
    const context = lazyContext(eventBody);
    const headers = new Map<string, [string, string]>();
    headers.set('content-type', ['Content-Type', webhook.http_content_type]);
    const headerText = render(webhook.additional_headers, context, HEADER_TEMPLATE);
    for (const [name, value] of additionalHeaders(headerText)) {
      headers.set(name.toLowerCase(), [name, value]);
    }
    const body =
      webhook.body_template === '' ? eventBody : Buffer.from(render(webhook.body_template, context), 'utf8');
    const url = receiverUrl(render(webhook.payload_url, context));
    const authorization = basicAuthorization(url);
    if (authorization !== undefined) headers.set('authorization', ['Authorization', authorization]);
    url.username = '';
    url.password = '';
    return {
      ok: true,
      request: { method: webhook.http_method, url, headers: Object.fromEntries(headers.values()), body },
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

function render(
  template: string,
  context: () => Record<string, unknown>,
  options: RenderOptions = {},
): string {
  if (template === '') return '';
  try {
    return renderTemplate(template, MARKUP.test(template) ? context() : {}, options);
  } catch (error) {
    if (error instanceof TemplateError) throw new TemplateError(`template error: ${error.message}`);
    throw error;
  }
}

/** NetBox's `splitlines()` of the rendered text, each line read and checked as the registry checks it. */
function additionalHeaders(text: string): Array<[string, string]> {
  return pythonSplitLines(text).map((line, index) => {
    const parsed = parseAdditionalHeaderLine(line);
    if (!parsed.ok)
      throw new RenderError(`additional_headers line ${index + 1} (rendered): ${parsed.reason}`);
    return [parsed.name, parsed.value];
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
    // The delivery log keeps this text: a `user:password@` in it is masked.
    const shown = rendered.replace(/^([^/?#]*\/\/[^/?#@:]*:)[^/?#@]*@/, '$1********@');
    throw new RenderError(`payload_url renders to ${JSON.stringify(shown)}, which is not an http(s) URL`);
  }
  return url;
}

/**
 * Python requests (NetBox's HTTP client) turns `user:pass@` in the URL into `Authorization: Basic`
 * (`get_auth_from_url`, percent-decoded; it replaces an `Authorization` from `additional_headers`) and
 * sends the URL without them. requests encodes the pair as Latin-1; a pair Latin-1 cannot hold (where
 * requests fails the delivery) is sent as UTF-8, which is what receivers expect today (RFC 7617).
 */
function basicAuthorization(url: URL): string | undefined {
  if (url.username === '' && url.password === '') return undefined;
  const pair = `${percentDecoded(url.username)}:${percentDecoded(url.password)}`;
  const encoding = [...pair].every((char) => char.charCodeAt(0) <= 0xff) ? 'latin1' : 'utf8';
  return `Basic ${Buffer.from(pair, encoding).toString('base64')}`;
}

/** Python's `unquote`, which leaves a malformed escape as it is instead of failing. */
function percentDecoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
