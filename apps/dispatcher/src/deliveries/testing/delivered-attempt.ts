import type { AttemptRecord } from '../store/delivery-store';

/** A first attempt that the receiver answered 200 at once, as the worker records it. */
export function deliveredAttempt(deliveryId: number, webhookId = 1): AttemptRecord {
  return {
    deliveryId,
    webhookId,
    attemptNumber: 1,
    started: new Date(0),
    durationMs: 1,
    statusCode: 200,
    responseBody: '',
    error: null,
    requestHeaders: {},
    requestBody: null,
    requestBodyIsEvent: true,
    status: 'delivered',
    retryInSeconds: null,
    lastError: null,
    failureReason: null,
  };
}
