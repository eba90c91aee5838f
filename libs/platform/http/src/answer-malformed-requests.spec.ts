import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { answerMalformedRequests } from './answer-malformed-requests';

let server: Server;
let port: number;

beforeAll(async () => {
  server = createServer((_request, response) => {
    response.setHeader('Content-Type', 'text/plain');
    response.end('ok');
  });
  answerMalformedRequests(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

/** Writes raw bytes and returns everything the server sent until it closed the connection. */
function exchange(raw: string | Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(raw));
    let received = '';
    socket.on('data', (chunk) => (received += chunk.toString('latin1')));
    socket.on('error', reject);
    socket.on('close', () => resolve(received));
  });
}

function parse(answer: string): { statusLine: string; headers: Record<string, string>; body: unknown } {
  const [head, body] = answer.split('\r\n\r\n');
  const [statusLine, ...lines] = head.split('\r\n');
  const headers = Object.fromEntries(
    lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 2)]),
  );
  return { statusLine, headers, body: JSON.parse(body) };
}

describe('answerMalformedRequests', () => {
  it.each([
    ['a bare CR in a header value', 'GET / HTTP/1.1\r\nHost: x\r\nX-A: a\rb\r\n\r\n'],
    ['a space in a header name', 'GET / HTTP/1.1\r\nHost: x\r\nX A: 1\r\n\r\n'],
    ['a control byte in a header name', 'GET / HTTP/1.1\r\nHost: x\r\nX-\x01: 1\r\n\r\n'],
  ])('answers %s with a NetBox-shaped JSON 400 and closes', async (_what, raw) => {
    const answer = parse(await exchange(raw));
    expect(answer).toEqual({
      statusLine: 'HTTP/1.1 400 Bad Request',
      headers: {
        'content-type': 'application/json',
        'content-length': String(JSON.stringify(answer.body).length),
        connection: 'close',
      },
      body: { detail: 'Bad request: invalid HTTP header' },
    });
  });

  it('names conflicting framing', async () => {
    const raw = 'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab';
    expect(parse(await exchange(raw)).body).toEqual({ detail: 'Bad request: invalid message framing' });
  });

  it('keeps Node’s 431 for headers that are too large, with a JSON body', async () => {
    const answer = parse(await exchange(`GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`));
    expect([answer.statusLine, answer.body]).toEqual([
      'HTTP/1.1 431 Request Header Fields Too Large',
      { detail: 'Request header fields too large' },
    ]);
  });

  it('answers a malformed request after an answered one on the same keep-alive connection', async () => {
    const received = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => socket.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n'));
      let text = '';
      socket.on('data', (chunk) => {
        text += chunk.toString('latin1');
        if (text.endsWith('\r\n\r\nok')) socket.write('GET / HTTP/1.1\r\nHost: x\r\nX A: 1\r\n\r\n');
      });
      socket.on('error', reject);
      socket.on('close', () => resolve(text));
    });
    const [first, second] = received.split(/(?=HTTP\/1\.1 )/);
    expect(first).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(parse(second).body).toEqual({ detail: 'Bad request: invalid HTTP header' });
  });

  it('writes nothing into a response already on its way, as Node does: it only closes the connection', async () => {
    const pipelined = 'GET / HTTP/1.1\r\nHost: x\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\nX A: 1\r\n\r\n';
    expect(await exchange(pipelined)).toMatch(/^HTTP\/1\.1 200 OK\r\n[\s\S]*\r\n\r\nok$/);
  });
});
