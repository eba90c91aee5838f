import type { IncomingMessage } from 'node:http';
import { json, type RequestHandler } from 'express';
import { JsonParseError } from '../errors/json-parse.error';
import { NetBoxValidationError } from '../errors/netbox-validation.error';
import { loneSurrogateErrors } from '../input/lone-surrogates';
import { PayloadTooLargeError } from '../errors/payload-too-large.error';
import { UnsupportedMediaTypeError } from '../errors/unsupported-media-type.error';
import { isJsonMediaType } from './json-media-type';
import { MAX_JSON_NESTING_DEPTH, jsonNestsDeeperThan } from './json-nesting';

/**
 * 32 MiB. Larger than NetBox's effective cap (Django's `DATA_UPLOAD_MAX_MEMORY_SIZE`, 2.5 MB) because
 * a compliance runner posts a whole run's results in one report, and a bulk call may carry up to 1000
 * objects; still bounded, because the body is held in memory while it is parsed.
 */
export const DEFAULT_BODY_LIMIT_BYTES = 32 * 1024 * 1024;

/** The methods whose body NetBox reads (DELETE for bulk deletes), so a non-JSON body there is a 415. */
const METHODS_READING_BODY = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface NetBoxJsonParserOptions {
  limitBytes?: number;
}

/**
 * Express middleware that parses JSON bodies the way DRF's `JSONParser` accepts them: any JSON value
 * (not only objects and arrays), Content-Type `application/json` with or without parameters, including
 * pynetbox 7.0's `application/json;`. A body of another type on a method that reads bodies is refused
 * with DRF's 415; an empty body (pynetbox's `record.delete()`) is fine whatever its Content-Type, and
 * reads as `{}` on a method that reads bodies.
 * Bodies nested deeper than `MAX_JSON_NESTING_DEPTH` are a parse error too (DRF's 400 shape), and text
 * with an unpaired surrogate a 400 naming the field (`loneSurrogateErrors`), the same in every service.
 * Parse and size failures become `JsonParseError` (400) and `PayloadTooLargeError` (413) here, because
 * Nest's own error handler would turn body-parser's `SyntaxError` into a generic 400 before any filter.
 */
export function netboxJsonParser({
  limitBytes = DEFAULT_BODY_LIMIT_BYTES,
}: NetBoxJsonParserOptions = {}): RequestHandler {
  const parseJson = json({
    limit: limitBytes,
    strict: false,
    type: (req) => isJsonMediaType(req.headers['content-type']),
    // Checked on the raw bytes, before JSON.parse and everything after it recurses into the value.
    verify: (req, _res, bytes) => {
      if (jsonNestsDeeperThan(bytes, MAX_JSON_NESTING_DEPTH)) throw new TooDeeplyNestedError();
      (req as WithRawBody)[RAW_BODY] = bytes;
    },
  });
  return (req, res, next) => {
    const contentType = req.headers['content-type'];
    if (METHODS_READING_BODY.has(req.method ?? '') && declaresBody(req) && !isJsonMediaType(contentType)) {
      next(new UnsupportedMediaTypeError(contentType ?? ''));
      return;
    }
    parseJson(req, res, (error) => {
      if (error !== undefined) return next(toNetBoxError(error));
      // DRF's `request.data` is an empty dict when no body was sent, so a bodiless write reads as `{}`
      // (e.g. "This field is required." per field), never as JavaScript's `undefined`.
      if (METHODS_READING_BODY.has(req.method ?? '') && req.body === undefined) req.body = {};
      const surrogateErrors = loneSurrogateErrors(req.body);
      if (surrogateErrors !== undefined) return next(new NetBoxValidationError(surrogateErrors));
      next();
    });
  };
}

const RAW_BODY = Symbol('validity:raw-body');

type WithRawBody = IncomingMessage & { [RAW_BODY]?: Buffer };

/**
 * The JSON body's bytes as they arrived, before parsing: what a signature is computed over (the NetBox
 * hub checks `X-Hook-Signature` against them). `undefined` when the request had no JSON body.
 */
export function rawBodyOf(req: IncomingMessage): Buffer | undefined {
  return (req as WithRawBody)[RAW_BODY];
}

function declaresBody(req: IncomingMessage): boolean {
  const length = Number(req.headers['content-length'] ?? 0);
  return req.headers['transfer-encoding'] !== undefined || length > 0;
}

/** Tagged so body-parser keeps the type when it wraps what `verify` throws. */
class TooDeeplyNestedError extends Error {
  readonly type = 'entity.too.deep';

  constructor() {
    super(`Maximum nesting depth of ${MAX_JSON_NESTING_DEPTH} arrays and objects exceeded`);
  }
}

/** body-parser's errors are http-errors objects tagged with a `type`. */
interface BodyParserError extends Error {
  type: string;
  limit?: number;
}

function toNetBoxError(error: unknown): unknown {
  if (!(error instanceof Error) || typeof (error as Partial<BodyParserError>).type !== 'string') return error;
  const { type, message, limit } = error as BodyParserError;
  if (type === 'entity.parse.failed' || type === 'entity.too.deep') return new JsonParseError(message);
  if (type === 'entity.too.large' && limit !== undefined) return new PayloadTooLargeError(limit);
  return error;
}
