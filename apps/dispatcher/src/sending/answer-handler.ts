import type { Dispatcher } from 'undici';
import { monotonicNow } from '../scheduling/monotonic-clock';

/** What the receiver answered (the start of its body as text), or why nothing usable came back. */
export type Answer =
  | { kind: 'response'; statusCode: number; retryAfter: string | undefined; body: string }
  | { kind: 'error'; error: unknown };

/**
 * Reads an answer straight from undici's dispatch callbacks: the status, `Retry-After` and the first
 * `limitBytes` of the body, then drops the connection's rest rather than waiting for it. undici's
 * `request()` wraps every answer in a Readable stream, an async resource and an abort signal, which
 * cost more CPU per delivery than everything the dispatcher keeps of the answer.
 */
export class AnswerHandler implements Dispatcher.DispatchHandler {
  private controller: Dispatcher.DispatchController | undefined;
  private statusCode = 0;
  private retryAfter: string | undefined;
  private chunks: Buffer[] = [];
  private size = 0;
  private settled = false;

  constructor(
    private readonly limitBytes: number,
    /** When the request times out, on `now`'s clock. */
    private readonly deadlineAt: number,
    private readonly settle: (answer: Answer) => void,
    private readonly now: () => number = monotonicNow,
  ) {}

  /** The deadline passed: the answer is a timeout, and the request is dropped (now, or once it starts). */
  timeOut(): void {
    if (this.settled) return;
    const error = timeoutError();
    this.fail(error);
    this.controller?.abort(error);
  }

  /**
   * undici calls this when the request gets a connection, right before writing it. A request that
   * waited in the pool past its deadline is dropped here unwritten, even if the coarse deadline timer
   * has not ticked yet (it may be up to a tick late, more on a busy event loop): the attempt is
   * recorded as timed out and retried, so a request written now would reach the receiver after its
   * retry was decided, a duplicate out of order.
   */
  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.controller = controller;
    if (this.settled) controller.abort(timeoutError());
    else if (this.now() >= this.deadlineAt) this.timeOut();
  }

  onResponseStart(
    _controller: Dispatcher.DispatchController,
    statusCode: number,
    headers: Record<string, string | string[] | undefined>,
  ): void {
    // 1xx answers are informational; the real one follows.
    if (statusCode < 200) return;
    this.statusCode = statusCode;
    const retryAfter = headers['retry-after'];
    this.retryAfter = Array.isArray(retryAfter) ? retryAfter[0] : retryAfter;
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (this.settled) return;
    this.chunks.push(chunk);
    this.size += chunk.length;
    if (this.size < this.limitBytes) return;
    this.succeed();
    controller.abort(new Error('the delivery log keeps no more of the answer'));
  }

  onResponseEnd(): void {
    this.succeed();
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    this.fail(error);
  }

  private succeed(): void {
    if (this.settled) return;
    this.settled = true;
    const body =
      this.chunks.length === 0
        ? ''
        : (this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks))
            .subarray(0, this.limitBytes)
            .toString('utf8');
    this.chunks = [];
    this.settle({ kind: 'response', statusCode: this.statusCode, retryAfter: this.retryAfter, body });
  }

  /** Nothing usable came back (or the request could not be sent). */
  fail(error: unknown): void {
    if (this.settled) return;
    this.settled = true;
    this.chunks = [];
    this.settle({ kind: 'error', error });
  }
}

function timeoutError(): Error {
  return new DOMException('the request timed out', 'TimeoutError');
}
