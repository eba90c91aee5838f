import { renderRequest } from './render-request';

const BODY = Buffer.from(
  '{"event": "created", "timestamp": "2024-01-10T08:15:02.401177+00:00", "model": "compliancereport", ' +
    '"username": "admin", "request_id": "3f0c4b0e-2f6a-4c52-9d1e-6a2f0b7d9c11", ' +
    '"data": {"id": 31, "display": "report-31", "total_passed": 6, "name": "x\\r\\nX-Injected: 1"}, ' +
    '"snapshots": {"prechange": null, "postchange": {"created": "2024-01-10T08:14:58.120Z"}}}',
);

const WEBHOOK: Parameters<typeof renderRequest>[0] = {
  http_method: 'POST',
  http_content_type: 'application/json',
  additional_headers: '',
  body_template: '',
  payload_url: 'http://127.0.0.1:9000/hook',
};

function rendered(overrides: Partial<typeof WEBHOOK>) {
  const result = renderRequest({ ...WEBHOOK, ...overrides }, BODY);
  if (!result.ok) throw new Error(result.error);
  return result.request;
}

function errorOf(overrides: Partial<typeof WEBHOOK>): string {
  const result = renderRequest({ ...WEBHOOK, ...overrides }, BODY);
  if (result.ok) throw new Error('rendered without an error');
  return result.error;
}

describe('renderRequest', () => {
  it('forwards the event bytes unchanged as the default body, with http_content_type', () => {
    const request = rendered({ http_method: 'PUT' });
    expect(request.body).toBe(BODY);
    expect(request.method).toBe('PUT');
    expect(request.headers).toEqual({ 'Content-Type': 'application/json' });
    expect(request.url.href).toBe('http://127.0.0.1:9000/hook');
  });

  it("renders a webhook without markup once, and sends each event's own bytes with it", () => {
    const webhook = { ...WEBHOOK, additional_headers: 'X-Team: noc' };
    const other = Buffer.from('{"event": "deleted"}');
    const first = renderRequest(webhook, BODY);
    const second = renderRequest(webhook, other);
    if (!first.ok || !second.ok) throw new Error('not rendered');
    expect(second.request.url).toBe(first.request.url);
    expect(second.request.headers).toEqual({ 'Content-Type': 'application/json', 'X-Team': 'noc' });
    expect([first.request.body, second.request.body]).toEqual([BODY, other]);
  });

  it('renders templates that use the event for every event', () => {
    const webhook = { ...WEBHOOK, payload_url: 'http://127.0.0.1:9000/{{ event }}' };
    const deleted = Buffer.from('{"event": "deleted"}');
    const urls = [BODY, deleted].map((body) => {
      const result = renderRequest(webhook, body);
      if (!result.ok) throw new Error(result.error);
      return result.request.url.pathname;
    });
    expect(urls).toEqual(['/created', '/deleted']);
  });

  it('sends user:pass@ in payload_url as requests does: Authorization: Basic, and a URL without them', () => {
    const request = rendered({
      payload_url: 'http://hook%40user:p%3Ass%C3%A9@127.0.0.1:9000/hook',
      additional_headers: 'Authorization: Token from-headers\nX-Other: 1',
    });
    // requests: _basic_auth_str('hook@user', 'p:ssé') with Latin-1; it replaces the header's value in place.
    const expected = `Basic ${Buffer.from('hook@user:p:ssé', 'latin1').toString('base64')}`;
    expect(request.headers).toEqual({
      'Content-Type': 'application/json',
      Authorization: expected,
      'X-Other': '1',
    });
    expect(request.url.href).toBe('http://127.0.0.1:9000/hook');
    expect(rendered({ payload_url: 'http://user@127.0.0.1:9000/' }).headers.Authorization).toBe(
      `Basic ${Buffer.from('user:').toString('base64')}`,
    );
    expect(rendered({}).headers.Authorization).toBeUndefined();
  });

  it('masks a password in a payload_url it cannot use, since the delivery log keeps the error', () => {
    expect(errorOf({ payload_url: 'ftp://user:s3cret@host.example/x' })).toBe(
      'payload_url renders to "ftp://user:********@host.example/x", which is not an http(s) URL',
    );
  });

  it('renders body_template with NetBox context, as UTF-8', () => {
    const request = rendered({
      body_template: '{"text": "{{ event }} {{ model }} {{ data.display }} by {{ username }} ✓"}',
    });
    expect(request.body.toString('utf8')).toBe('{"text": "created compliancereport report-31 by admin ✓"}');
  });

  it('renders payload_url', () => {
    expect(rendered({ payload_url: 'https://example.test/reports/{{ data.id }}/' }).url.href).toBe(
      'https://example.test/reports/31/',
    );
  });

  it('splits additional_headers at the first colon of each line, trimming both sides', () => {
    const request = rendered({
      additional_headers: 'X-Report: {{ data.id }}\r\nX-Url:  http://a/b:c  \nAuthorization: Token abc\n',
    });
    expect(request.headers).toEqual({
      'Content-Type': 'application/json',
      'X-Report': '31',
      'X-Url': 'http://a/b:c',
      Authorization: 'Token abc',
    });
  });

  it('lets an additional Content-Type in any letter case replace http_content_type, in place', () => {
    const request = rendered({ additional_headers: 'X-A: 1\ncontent-type: text/plain' });
    expect(Object.entries(request.headers)).toEqual([
      ['content-type', 'text/plain'],
      ['X-A', '1'],
    ]);
  });

  it.each([
    [
      { body_template: '{{ data.missing.deeper }}' },
      "template error: 'dict object' has no attribute 'missing'",
    ],
    [{ body_template: '{% if %}' }, 'template error: line 1: unexpected end of expression'],
    [
      { additional_headers: 'X-A: 1\n\nX-B: 2' },
      "additional_headers line 2 (rendered): empty line; each line must be 'Name: value'",
    ],
    [
      { additional_headers: 'Bad Name: 1' },
      "additional_headers line 1 (rendered): 'Bad Name' is not a valid header name (letters, digits and !#$%&'*+-.^_`|~ only)",
    ],
    [
      { additional_headers: 'X-A: {{ "a\\x00b" }}' },
      'template error: line 1: a value printed into additional_headers has a line break or control character (use the header_safe filter)',
    ],
    [
      { payload_url: 'ftp://example.test/' },
      'payload_url renders to "ftp://example.test/", which is not an http(s) URL',
    ],
    [{ payload_url: '{{ data.nothing }}' }, 'payload_url renders to "", which is not an http(s) URL'],
  ])('fails the delivery for %j: %s', (overrides, message) => {
    expect(errorOf(overrides)).toBe(message);
  });

  it('fails the delivery, instead of sending an extra header, when event data prints a line break into a header', () => {
    expect(errorOf({ additional_headers: 'X-A: 1\nX-Name: {{ data.name }}' })).toBe(
      'template error: line 2: a value printed into additional_headers has a line break or control character (use the header_safe filter)',
    );
    expect(errorOf({ additional_headers: "X-A: {{ 'a\\u2028b' }}" })).toMatch(
      /line break or control character/,
    );
  });

  it('sends such a value once header_safe has removed its control characters', () => {
    expect(rendered({ additional_headers: 'X-Name: {{ data.name | header_safe }}' }).headers).toEqual({
      'Content-Type': 'application/json',
      'X-Name': 'xX-Injected: 1',
    });
  });

  it('keeps the lines a template writes itself, loops included', () => {
    const request = rendered({
      additional_headers:
        "{% for n in ['a', 'b'] %}X-{{ n }}: {{ loop.index }}\n{% endfor %}X-Id: {{ data.id }}",
    });
    expect(request.headers).toEqual({
      'Content-Type': 'application/json',
      'X-a': '1',
      'X-b': '2',
      'X-Id': '31',
    });
  });

  it.each([
    ['Content-Length: 0', 1, "'Content-Length' cannot be set: the dispatcher frames the body itself"],
    [
      "{{ 'Transfer-Encoding' }}: chunked",
      1,
      "'Transfer-Encoding' cannot be set: the dispatcher frames the body itself",
    ],
    ['X-A: 1\r\nHost: internal.example', 2, "'Host' cannot be set: the request goes to payload_url's host"],
    [
      "{{ 'conn' ~ 'ection' }}: close",
      1,
      "'connection' cannot be set: the dispatcher manages its connections",
    ],
  ])('refuses the framing or routing header in %j, rendered or not', (additional_headers, line, reason) => {
    expect(errorOf({ additional_headers })).toBe(`additional_headers line ${line} (rendered): ${reason}`);
  });
});
