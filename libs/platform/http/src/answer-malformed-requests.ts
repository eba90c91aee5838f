import { STATUS_CODES, type Server } from 'node:http';
import type { Duplex } from 'node:stream';

interface Answer {
  status: number;
  detail: string;
}

/** What each of Node's parser errors (llhttp `HPE_*` codes) says to the client. */
const ANSWERS: Readonly<Record<string, Answer>> = {
  HPE_HEADER_OVERFLOW: { status: 431, detail: 'Request header fields too large' },
  HPE_CHUNK_EXTENSIONS_OVERFLOW: { status: 413, detail: 'Request chunk extensions too large' },
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, detail: 'Request timeout' },
  HPE_INVALID_HEADER_TOKEN: { status: 400, detail: 'Bad request: invalid HTTP header' },
  HPE_CR_EXPECTED: { status: 400, detail: 'Bad request: invalid HTTP header' },
  HPE_LF_EXPECTED: { status: 400, detail: 'Bad request: invalid HTTP header' },
  HPE_UNEXPECTED_SPACE: { status: 400, detail: 'Bad request: invalid HTTP header' },
  HPE_INVALID_CONTENT_LENGTH: { status: 400, detail: 'Bad request: invalid message framing' },
  HPE_UNEXPECTED_CONTENT_LENGTH: { status: 400, detail: 'Bad request: invalid message framing' },
  HPE_INVALID_TRANSFER_ENCODING: { status: 400, detail: 'Bad request: invalid message framing' },
  HPE_INVALID_CHUNK_SIZE: { status: 400, detail: 'Bad request: invalid message framing' },
  HPE_INVALID_METHOD: { status: 400, detail: 'Bad request: invalid HTTP method' },
  HPE_INVALID_URL: { status: 400, detail: 'Bad request: invalid request target' },
  HPE_INVALID_VERSION: { status: 400, detail: 'Bad request: invalid HTTP version' },
};
const MALFORMED: Answer = { status: 400, detail: 'Bad request: malformed HTTP request' };

/**
 * Answers a request Node's HTTP parser refuses (a bare CR or LF in a header, an invalid header name,
 * conflicting framing, ...) with a NetBox-shaped JSON error, where Node would send an empty `400`
 * that clients show as a bare status. The status stays Node's (400, 408, 413, 431).
 *
 * No request or response object exists at this point: the answer is written to the socket, and only
 * when that cannot corrupt the stream: the socket is still writable and no response of an earlier
 * request on it has started (Node's own rule). A reset connection is just destroyed. The connection is
 * always closed afterwards: the parser has lost its place in the stream.
 */
export function answerMalformedRequests(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (error.code === 'ECONNRESET' || !socket.writable || responseStarted(socket)) {
      socket.destroy();
      return;
    }
    const { status, detail } = (error.code && ANSWERS[error.code]) || MALFORMED;
    const body = JSON.stringify({ detail });
    const head = [
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}`,
      'Content-Type: application/json',
      `Content-Length: ${Buffer.byteLength(body)}`,
      'Connection: close',
    ];
    socket.end(`${head.join('\r\n')}\r\n\r\n${body}`, () => socket.destroy());
  });
}

/** Node keeps the response in flight on the socket as `_httpMessage`; its own handler checks the same. */
function responseStarted(socket: Duplex): boolean {
  const inFlight = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } | null })._httpMessage;
  return inFlight?.headersSent === true;
}
