/** One line of rendered `additional_headers`, read as NetBox reads it, or why it cannot be sent. */
export type AdditionalHeaderLine = { ok: true; name: string; value: string } | { ok: false; reason: string };

// Python's str.strip() with no argument removes these (str.isspace()).
const PYTHON_WHITESPACE =
  '\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const LEADING_WHITESPACE = new RegExp(`^[${PYTHON_WHITESPACE}]+`, 'u');
const TRAILING_WHITESPACE = new RegExp(`[${PYTHON_WHITESPACE}]+$`, 'u');

/** RFC 9110 `token`: what a field name may be. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// RFC 9110 field values are HTAB, SP, visible ASCII and obs-text; CR and LF would end the header.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_CHARACTER = /[\x00-\x08\x0a-\x1f\x7f]/;
/** HTTP/1.1 carries header bytes; a character beyond Latin-1 has no byte to become. */
// eslint-disable-next-line no-control-regex -- the range starts at NUL; it is about what lies beyond it
const BEYOND_LATIN_1 = /[^\x00-\xff]/;

/**
 * Headers the dispatcher sets itself, and why a webhook may not:
 * - `Content-Length`, `Transfer-Encoding`: the body's framing. A second or different one makes the
 *   receiver (or a proxy on the way) read the body differently than it was sent: request smuggling.
 * - `Host`: where the request is routed. The request goes to `payload_url`'s host, the one the TLS and
 *   private-address checks looked at; another Host would send it elsewhere behind the same address.
 * - `Connection`, `Keep-Alive`, `Upgrade`: the pooled connection's life, shared with other deliveries.
 * - `Expect`: the HTTP client does not wait for `100 Continue`; it refuses such a request.
 */
const FRAMING_HEADERS: ReadonlyMap<string, string> = new Map([
  ['content-length', 'the dispatcher frames the body itself'],
  ['transfer-encoding', 'the dispatcher frames the body itself'],
  ['host', "the request goes to payload_url's host"],
  ['connection', 'the dispatcher manages its connections'],
  ['keep-alive', 'the dispatcher manages its connections'],
  ['upgrade', 'the dispatcher manages its connections'],
  ['expect', 'the dispatcher does not wait for 100 Continue'],
]);

const SHOWN_NAME_LENGTH = 40;

/**
 * Reads one line of `additional_headers` after rendering and NetBox's `str.splitlines()`, as NetBox 3.6
 * does (`name, value = line.split(':', 1)`, both `strip()`ped), and refuses what cannot be sent safely:
 * - no `:` (an empty line included): NetBox's unpacking raises, so every delivery would fail;
 * - a name that is not an HTTP token: no HTTP client sends it, and a space or colon in a name is read
 *   differently by different parsers;
 * - a control character in the value (CR/LF can only get here from a printed value in the
 *   dispatcher, see render-request): it would end the header early and inject another one;
 * - a character beyond Latin-1: it cannot be encoded, every delivery would fail;
 * - a framing or routing header, see `FRAMING_HEADERS`.
 * The registry applies this to the lines of a template it can read before rendering, the dispatcher to
 * every rendered line, so a refused line is refused at write time whenever that is knowable.
 */
export function parseAdditionalHeaderLine(line: string): AdditionalHeaderLine {
  const colon = line.indexOf(':');
  if (colon === -1) {
    const what = pythonStrip(line) === '' ? 'empty line' : "no ':'";
    return { ok: false, reason: `${what}; each line must be 'Name: value'` };
  }
  const name = pythonStrip(line.slice(0, colon));
  const value = pythonStrip(line.slice(colon + 1));
  if (name === '') return { ok: false, reason: 'the header name is empty' };
  if (!HEADER_NAME.test(name)) {
    const shown = name.length > SHOWN_NAME_LENGTH ? `${name.slice(0, SHOWN_NAME_LENGTH)}...` : name;
    return {
      ok: false,
      reason: `'${shown}' is not a valid header name (letters, digits and !#$%&'*+-.^_\`|~ only)`,
    };
  }
  const framing = FRAMING_HEADERS.get(name.toLowerCase());
  if (framing !== undefined) return { ok: false, reason: `'${name}' cannot be set: ${framing}` };
  if (CONTROL_CHARACTER.test(value)) {
    return { ok: false, reason: `the value of '${name}' has a line break or control character` };
  }
  if (BEYOND_LATIN_1.test(value)) {
    return {
      ok: false,
      reason: `the value of '${name}' has a character beyond Latin-1, which HTTP cannot carry`,
    };
  }
  return { ok: true, name, value };
}

function pythonStrip(text: string): string {
  return text.replace(LEADING_WHITESPACE, '').replace(TRAILING_WHITESPACE, '');
}
