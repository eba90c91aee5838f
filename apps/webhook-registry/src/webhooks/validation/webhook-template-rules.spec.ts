import { webhookTemplateErrors } from './webhook-template-rules';

describe('webhookTemplateErrors', () => {
  it('accepts templates that can be rendered and headers NetBox can split', () => {
    expect(
      webhookTemplateErrors({
        payload_url: 'https://receiver.example/reports/{{ data.id }}/',
        additional_headers: 'X-Report: {{ data.id }}\r\nAuthorization: Token abc\nContent-Type: text/plain\n',
        body_template:
          '{"event": "{{ event }}", "tags": {{ data.tags | map(attribute="name") | list | tojson }}}',
      }),
    ).toBeUndefined();
    expect(
      webhookTemplateErrors({ payload_url: '', additional_headers: '', body_template: '' }),
    ).toBeUndefined();
    expect(webhookTemplateErrors({})).toBeUndefined();
  });

  it('refuses a syntax error or a private name in any template field, naming the line', () => {
    expect(
      webhookTemplateErrors({
        payload_url: 'http://x/{{ data.id',
        additional_headers: 'X-A: 1\nX-B: {{ data.__class__ }}',
        body_template: '{\n  "a": 1\n{% if data.id %}',
      }),
    ).toEqual({
      payload_url: ["Template syntax error: unexpected end of template, expected '}}' (line 1)"],
      additional_headers: [
        "Unsafe template: .__class__ (line 2) names a private member; names starting with '_' are not allowed.",
      ],
      body_template: [
        "Template syntax error: unexpected end of template, expected 'elif' or 'else' or 'endif' (line 3)",
      ],
    });
  });

  it.each([
    [
      'X-A: 1\r\nBad Name: 2',
      "Line 2: 'Bad Name' is not a valid header name (letters, digits and !#$%&'*+-.^_`|~ only).",
    ],
    [
      'X-A: 1\rContent-Length: 0',
      "Line 2: 'Content-Length' cannot be set: the dispatcher frames the body itself.",
    ],
    [
      'X-A: 1\nTransfer-Encoding: chunked',
      "Line 2: 'Transfer-Encoding' cannot be set: the dispatcher frames the body itself.",
    ],
    ['Host: internal.example', "Line 1: 'Host' cannot be set: the request goes to payload_url's host."],
    [
      'X-A: 1\u2028Connection: close',
      "Line 2: 'Connection' cannot be set: the dispatcher manages its connections.",
    ],
    ['X-A: 1\n\nX-B: 2', "Line 2: empty line; each line must be 'Name: value'."],
    ['X-A 1', "Line 1: no ':'; each line must be 'Name: value'."],
    ['X-A: a\x00b', "Line 1: the value of 'X-A' has a line break or control character."],
    ['X-A: ✓', "Line 1: the value of 'X-A' has a character beyond Latin-1, which HTTP cannot carry."],
  ])('refuses the additional_headers %j', (additional_headers, message) => {
    expect(webhookTemplateErrors({ additional_headers })).toEqual({ additional_headers: [message] });
  });

  it('checks only the lines printed as written; lines with markup are checked when rendered', () => {
    expect(
      webhookTemplateErrors({
        additional_headers: "{{ 'Host' }}: x\n{% if data.id %}\nX-A: 1\n{% endif %}\n{{ data.name }}",
      }),
    ).toBeUndefined();
    expect(webhookTemplateErrors({ additional_headers: '{% if data.id %}\nX-A 1\n{% endif %}' })).toEqual({
      additional_headers: ["Line 2: no ':'; each line must be 'Name: value'."],
    });
  });

  it('names every bad line, up to five, then counts the rest', () => {
    const errors = webhookTemplateErrors({
      additional_headers: Array.from({ length: 8 }, (_, i) => `bad ${i}`).join('\n'),
    });
    expect(errors?.additional_headers).toEqual([
      "Line 1: no ':'; each line must be 'Name: value'.",
      "Line 2: no ':'; each line must be 'Name: value'.",
      "Line 3: no ':'; each line must be 'Name: value'.",
      "Line 4: no ':'; each line must be 'Name: value'.",
      "Line 5: no ':'; each line must be 'Name: value'.",
      '3 more lines refused likewise.',
    ]);
  });
});
