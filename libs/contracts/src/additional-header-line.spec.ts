import { parseAdditionalHeaderLine } from './additional-header-line';

function reasonOf(line: string): string {
  const parsed = parseAdditionalHeaderLine(line);
  if (parsed.ok) throw new Error(`${JSON.stringify(line)} was accepted`);
  return parsed.reason;
}

describe('parseAdditionalHeaderLine', () => {
  it.each([
    ['X-Token: abc', 'X-Token', 'abc'],
    ['  X-Url :  http://a/b:c  ', 'X-Url', 'http://a/b:c'],
    ['Authorization: Token 0123', 'Authorization', 'Token 0123'],
    ['X-Empty:', 'X-Empty', ''],
    ['X-Tab: a\tb', 'X-Tab', 'a\tb'],
    ['X-Latin: café', 'X-Latin', 'café'],
    ["X-Odd!#$%&'*+.^_`|~: 1", "X-Odd!#$%&'*+.^_`|~", '1'],
    ['Content-Type: text/plain', 'Content-Type', 'text/plain'],
    ['X-Space:\u3000v\xa0', 'X-Space', 'v'],
  ])('reads %j as NetBox does (split at the first colon, strip both sides)', (line, name, value) => {
    expect(parseAdditionalHeaderLine(line)).toEqual({ ok: true, name, value });
  });

  it.each([
    ['', "empty line; each line must be 'Name: value'"],
    ['   ', "empty line; each line must be 'Name: value'"],
    ['X-Token abc', "no ':'; each line must be 'Name: value'"],
    [': value', 'the header name is empty'],
    ['Bad Name: 1', "'Bad Name' is not a valid header name (letters, digits and !#$%&'*+-.^_`|~ only)"],
    ['X-Ä: 1', "'X-Ä' is not a valid header name (letters, digits and !#$%&'*+-.^_`|~ only)"],
    ['X-A: a\x00b', "the value of 'X-A' has a line break or control character"],
    ['X-A: a\rInjected: 1', "the value of 'X-A' has a line break or control character"],
    ['X-A: a\x7f', "the value of 'X-A' has a line break or control character"],
    ['X-A: ✓', "the value of 'X-A' has a character beyond Latin-1, which HTTP cannot carry"],
    ['Content-Length: 0', "'Content-Length' cannot be set: the dispatcher frames the body itself"],
    [
      'transfer-encoding: chunked',
      "'transfer-encoding' cannot be set: the dispatcher frames the body itself",
    ],
    ['HOST: internal.example', "'HOST' cannot be set: the request goes to payload_url's host"],
    ['Connection: close', "'Connection' cannot be set: the dispatcher manages its connections"],
    ['Keep-Alive: 5', "'Keep-Alive' cannot be set: the dispatcher manages its connections"],
    ['Upgrade: h2c', "'Upgrade' cannot be set: the dispatcher manages its connections"],
    ['Expect: 100-continue', "'Expect' cannot be set: the dispatcher does not wait for 100 Continue"],
  ])('refuses %j: %s', (line, reason) => {
    expect(reasonOf(line)).toBe(reason);
  });

  it('shortens a long invalid name in its message', () => {
    expect(reasonOf(`${'x '.repeat(50)}: 1`)).toBe(
      `'${'x '.repeat(20)}...' is not a valid header name (letters, digits and !#$%&'*+-.^_\`|~ only)`,
    );
  });
});
