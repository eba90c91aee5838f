import {
  BadRequestException,
  HttpException,
  NotFoundException,
  PayloadTooLargeException,
} from '@nestjs/common';
import { ConflictError } from './conflict.error';
import { JsonParseError } from './json-parse.error';
import { MethodNotAllowedError } from './method-not-allowed.error';
import { netboxErrorResponseFor } from './netbox-error-response';
import { NetBoxValidationError } from './netbox-validation.error';
import { NotFoundError } from './not-found.error';
import { PayloadTooLargeError } from './payload-too-large.error';
import { PermissionDeniedError } from './permission-denied.error';
import { UnsupportedMediaTypeError } from './unsupported-media-type.error';

describe('netboxErrorResponseFor', () => {
  it.each([
    [
      new NetBoxValidationError({ name: ['This field is required.'], __all__: ['x'] }),
      400,
      { name: ['This field is required.'], __all__: ['x'] },
    ],
    [
      new JsonParseError('Unexpected end of JSON input'),
      400,
      { detail: 'JSON parse error - Unexpected end of JSON input' },
    ],
    [new PermissionDeniedError(), 403, { detail: 'You do not have permission to perform this action.' }],
    [new PermissionDeniedError('Invalid token'), 403, { detail: 'Invalid token' }],
    [new NotFoundError(), 404, { detail: 'Not found.' }],
    [new MethodNotAllowedError('POST'), 405, { detail: 'Method "POST" not allowed.' }],
    [
      new ConflictError('The object was changed by another request.'),
      409,
      { detail: 'The object was changed by another request.' },
    ],
    [new PayloadTooLargeError(1024), 413, { detail: 'Request body exceeds the limit of 1024 bytes.' }],
    [
      new UnsupportedMediaTypeError('text/plain'),
      415,
      { detail: 'Unsupported media type "text/plain" in request.' },
    ],
  ])('maps %s', (error, status, body) => {
    expect(netboxErrorResponseFor(error)).toEqual({ status, body });
  });

  it.each([
    [new NotFoundException('Cannot GET /api/x/'), 404, { detail: 'Not found.' }],
    [new BadRequestException(), 400, { detail: 'Bad Request' }],
    [
      new BadRequestException(['name must be a string', 'id must be an integer']),
      400,
      { detail: 'name must be a string; id must be an integer' },
    ],
    [new PayloadTooLargeException('too big'), 413, { detail: 'too big' }],
    [new HttpException('I am a teapot', 418), 418, { detail: 'I am a teapot' }],
    [
      new HttpException({ detail: 'Invalid version in "Accept" header.' }, 406),
      406,
      { detail: 'Invalid version in "Accept" header.' },
    ],
  ])('maps Nest %s', (exception, status, body) => {
    expect(netboxErrorResponseFor(exception)).toEqual({ status, body });
  });

  it('maps an exposable 4xx http-errors object (body-parser) to its message', () => {
    const error = Object.assign(new Error('unsupported charset "LATIN1"'), { status: 415, expose: true });
    expect(netboxErrorResponseFor(error)).toEqual({
      status: 415,
      body: { detail: 'unsupported charset "LATIN1"' },
    });
  });

  it.each([
    ['a plain error', new Error('connection refused')],
    ['a non-exposed http error', Object.assign(new Error('secret'), { status: 500, expose: false })],
    ['a thrown string', 'oops'],
  ])('leaves %s to the 500 path', (_, error) => {
    expect(netboxErrorResponseFor(error)).toBeUndefined();
  });
});
