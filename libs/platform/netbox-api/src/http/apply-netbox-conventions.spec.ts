import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import {
  Body,
  Controller,
  Delete,
  ForbiddenException,
  Get,
  HttpCode,
  HttpException,
  type INestApplication,
  type LoggerService,
  Module,
  Options,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { validate as isUuid } from 'uuid';
import { NetBoxValidationError } from '../errors/netbox-validation.error';
import { NotFoundError } from '../errors/not-found.error';
import { applyFilters } from '../filters/apply-filters';
import { numberFilter } from '../filters/number-filter';
import { paginate, parsePagination } from '../listing/pagination';
import type { QueryParams } from '../listing/query-params';
import { optionsMetadata } from '../options/options-metadata';
import { applyNetBoxConventions } from './apply-netbox-conventions';
import { created } from './created';
import { requestIdOf } from './request-context.middleware';
import { absoluteUrl, requestUrl } from './request-url';

const BODY_LIMIT = 256;
const THINGS = ['a', 'b', 'c', 'd', 'e'];

@Controller('api/things')
class ThingsController {
  @Get()
  list(@Req() req: Request, @Query() query: QueryParams) {
    const builder = new DataSource({ type: 'postgres' }).createQueryBuilder().select('*').from('things', 't');
    applyFilters(builder, { id: numberFilter('t.id') }, query);
    const page = parsePagination(query);
    return paginate(
      requestUrl(req),
      THINGS.length,
      THINGS.slice(page.offset, page.offset + page.limit),
      page,
    );
  }

  @Post()
  create(@Req() req: Request, @Res({ passthrough: true }) res: Response, @Body() body: unknown) {
    return created(res, absoluteUrl(req, '/api/things/7/'), {
      id: 7,
      received: body,
      request_id: requestIdOf(req),
    });
  }

  @Delete()
  @HttpCode(204)
  bulkDelete(): void {}

  @Options()
  options() {
    return optionsMetadata({
      name: 'Thing List',
      fields: { id: { type: 'integer', label: 'ID', read_only: true } },
    });
  }

  @Get('missing')
  missing(): never {
    throw new NotFoundError();
  }

  @Post('invalid')
  invalid(): never {
    throw new NetBoxValidationError([{}, { name: ['This field is required.'] }]);
  }

  @Get('forbidden')
  forbidden(): never {
    throw new ForbiddenException('Only admins.');
  }

  @Get('unavailable')
  unavailable(): never {
    throw new HttpException({ service: 'things', status: 'degraded' }, 503);
  }

  @Get('boom')
  boom(): never {
    throw new Error('password=hunter2 in connection string');
  }
}

@Controller('ping')
class PingController {
  @Get()
  ping() {
    return { pong: true };
  }
}

@Module({ controllers: [ThingsController, PingController] })
class TestModule {}

class CapturingLogger implements LoggerService {
  readonly errors: string[] = [];
  log(): void {}
  warn(): void {}
  error(message: unknown, ...rest: unknown[]): void {
    this.errors.push([message, ...rest].map(String).join(' '));
  }
}

describe('applyNetBoxConventions (HTTP edge)', () => {
  let app: INestApplication;
  let base: string;
  const logger = new CapturingLogger();

  beforeAll(async () => {
    app = await NestFactory.create(TestModule, { bodyParser: false, logger });
    applyNetBoxConventions(app, { bodyLimitBytes: BODY_LIMIT });
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  });

  afterAll(() => app.close());

  // Bytes, because fetch would add `text/plain;charset=UTF-8` to a string body sent without a type.
  const post = (path: string, contentType: string | undefined, body: string) =>
    fetch(`${base}${path}`, {
      method: 'POST',
      headers: contentType === undefined ? {} : { 'content-type': contentType },
      body: new TextEncoder().encode(body),
    });

  describe('headers', () => {
    it('sets API-Version 3.6 on /api/ responses only', async () => {
      const api = await fetch(`${base}/api/things/`);
      const other = await fetch(`${base}/ping`);
      expect(api.headers.get('api-version')).toBe('3.6');
      expect(other.status).toBe(200);
      expect(other.headers.get('api-version')).toBeNull();
    });

    it('gives each request a new UUID in X-Request-ID', async () => {
      const [first, second] = await Promise.all([fetch(`${base}/api/things/`), fetch(`${base}/api/things/`)]);
      const ids = [first.headers.get('x-request-id'), second.headers.get('x-request-id')];
      expect(ids.every((id) => isUuid(id ?? ''))).toBe(true);
      expect(ids[0]).not.toBe(ids[1]);
    });

    it("keeps the gateway's valid X-Request-ID, lower-cased, and exposes it to handlers", async () => {
      const incoming = '3F2504E0-4F89-41D3-9A0C-0305E82C3301';
      const response = await fetch(`${base}/api/things/`, {
        method: 'POST',
        headers: { 'x-request-id': incoming, 'content-type': 'application/json' },
        body: '{}',
      });
      expect(response.headers.get('x-request-id')).toBe(incoming.toLowerCase());
      expect(((await response.json()) as { request_id: string }).request_id).toBe(incoming.toLowerCase());
    });

    it("sets Django's security headers on every answer (NetBox 3.6 settings, Django 4.2 defaults)", async () => {
      for (const response of [await fetch(`${base}/api/things/`), await fetch(`${base}/ping`)]) {
        expect({
          frame: response.headers.get('x-frame-options'),
          sniff: response.headers.get('x-content-type-options'),
          referrer: response.headers.get('referrer-policy'),
          opener: response.headers.get('cross-origin-opener-policy'),
        }).toEqual({ frame: 'SAMEORIGIN', sniff: 'nosniff', referrer: 'same-origin', opener: 'same-origin' });
      }
    });

    it("answers JSON as DRF does: Content-Type without charset, DRF's Vary, Allow with the route's methods", async () => {
      const list = await fetch(`${base}/api/things/`);
      expect(list.headers.get('content-type')).toBe('application/json');
      expect(list.headers.get('vary')).toBe('Accept, Cookie, origin');
      expect(list.headers.get('allow')).toBe('GET, POST, DELETE, HEAD, OPTIONS');
      const options = await fetch(`${base}/api/things/`, { method: 'OPTIONS' });
      expect(options.headers.get('allow')).toBe('GET, POST, DELETE, HEAD, OPTIONS');
      const missing = await fetch(`${base}/api/things/missing/`);
      expect([missing.status, missing.headers.get('allow')]).toEqual([404, 'GET, HEAD, OPTIONS']);
      const unknownRoute = await fetch(`${base}/api/nothing-here/`);
      expect([unknownRoute.status, unknownRoute.headers.get('allow')]).toEqual([404, null]);
      expect(unknownRoute.headers.get('content-type')).toBe('application/json');
    });

    it('sends no ETag and answers If-None-Match in full, as NetBox does', async () => {
      const first = await fetch(`${base}/api/things/`);
      expect(first.headers.get('etag')).toBeNull();
      const again = await fetch(`${base}/api/things/`, { headers: { 'if-none-match': '*' } });
      expect([again.status, again.headers.get('etag')]).toEqual([200, null]);
      expect(await again.text()).toBe(await first.text());
    });

    it('replaces an X-Request-ID that is not a UUID', async () => {
      const response = await fetch(`${base}/api/things/`, { headers: { 'x-request-id': 'evil\tvalue' } });
      expect(isUuid(response.headers.get('x-request-id') ?? '')).toBe(true);
    });
  });

  describe('JSON bodies', () => {
    it.each([
      'application/json',
      'application/json;',
      'application/json; charset=utf-8',
      'Application/JSON ;',
    ])('parses a body sent as %s', async (contentType) => {
      const response = await post('/api/things/', contentType, '{"name": "ünïcode"}');
      expect(response.status).toBe(201);
      expect(await response.json()).toMatchObject({ id: 7, received: { name: 'ünïcode' } });
    });

    it('parses any JSON value, as DRF does, leaving its validation to the handler', async () => {
      const response = await post('/api/things/', 'application/json', '"just a string"');
      expect(await response.json()).toMatchObject({ received: 'just a string' });
    });

    it('answers malformed JSON with DRF parse error', async () => {
      const body = '{"name": ';
      const parserMessage = (() => {
        try {
          JSON.parse(body);
        } catch (error) {
          return (error as Error).message;
        }
      })();
      const response = await post('/api/things/', 'application/json', body);
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({ detail: `JSON parse error - ${parserMessage}` });
    });

    it('answers a body nested deeper than 128 levels with a DRF parse error, and takes 128', async () => {
      // The depth is checked on the raw bytes before parsing, so 129 openers are enough (this app's
      // body limit is 256 bytes; a service takes 100,000 levels the same way).
      const deep = await post('/api/things/', 'application/json', '['.repeat(129));
      expect(deep.status).toBe(400);
      expect(await deep.json()).toEqual({
        detail: 'JSON parse error - Maximum nesting depth of 128 arrays and objects exceeded',
      });
      const limit = await post('/api/things/', 'application/json', `${'['.repeat(128)}${']'.repeat(128)}`);
      expect(limit.status).toBe(201);
    });

    it('answers text with an unpaired surrogate with a 400 naming the field', async () => {
      const response = await post('/api/things/', 'application/json', '{"name": "x\\udfff"}');
      expect([response.status, await response.json()]).toEqual([
        400,
        { name: ['Surrogate characters are not allowed: U+DFFF.'] },
      ]);
    });

    it.each([
      ['text/plain', 'text/plain'],
      ['text/plain; charset=utf-8', 'text/plain; charset=utf-8'],
      [undefined, ''],
    ])('refuses a body sent as %s with 415', async (contentType, quoted) => {
      const response = await post('/api/things/', contentType, 'name=x');
      expect(response.status).toBe(415);
      expect(await response.json()).toEqual({ detail: `Unsupported media type "${quoted}" in request.` });
    });

    it('refuses a charset JSON cannot be in with 415', async () => {
      const response = await post('/api/things/', 'application/json; charset=latin1', '{}');
      expect(response.status).toBe(415);
      expect(await response.json()).toEqual({ detail: 'unsupported charset "LATIN1"' });
    });

    it('reads a POST without a body as an empty object, as DRF reads request.data', async () => {
      const response = await fetch(`${base}/api/things/`, { method: 'POST' });
      expect(response.status).toBe(201);
      expect(await response.json()).toMatchObject({ received: {} });
    });

    it('accepts a bodiless DELETE whatever its Content-Type', async () => {
      const response = await fetch(`${base}/api/things/`, {
        method: 'DELETE',
        headers: { 'content-type': 'text/plain' },
      });
      expect(response.status).toBe(204);
    });

    it('answers a body over the limit with 413', async () => {
      const response = await post(
        '/api/things/',
        'application/json',
        JSON.stringify({ name: 'x'.repeat(BODY_LIMIT) }),
      );
      expect(response.status).toBe(413);
      expect(await response.json()).toEqual({
        detail: `Request body exceeds the limit of ${BODY_LIMIT} bytes.`,
      });
    });
  });

  describe('trailing slashes', () => {
    it('redirects a GET without the trailing slash with 301, keeping the query', async () => {
      const response = await fetch(`${base}/api/things?limit=1&name=a%20b`, { redirect: 'manual' });
      expect(response.status).toBe(301);
      expect(response.headers.get('location')).toBe('/api/things/?limit=1&name=a%20b');
    });

    it('redirects /api to the API root', async () => {
      const response = await fetch(`${base}/api`, { redirect: 'manual' });
      expect(response.status).toBe(301);
      expect(response.headers.get('location')).toBe('/api/');
    });

    it('answers other methods without the trailing slash with 404', async () => {
      const response = await post('/api/things', 'application/json', '{}');
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ detail: 'Not found.' });
    });

    it('leaves paths outside /api/ alone', async () => {
      expect((await fetch(`${base}/ping`, { redirect: 'manual' })).status).toBe(200);
    });
  });

  describe('URLs', () => {
    it('builds pagination links and Location from X-Forwarded-Proto/Host set by the gateway', async () => {
      const forwarded = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'netbox.example:8443' };
      const list = await fetch(`${base}/api/things/?limit=2&offset=2`, { headers: forwarded });
      expect(await list.json()).toEqual({
        count: 5,
        next: 'https://netbox.example:8443/api/things/?limit=2&offset=4',
        previous: 'https://netbox.example:8443/api/things/?limit=2',
        results: ['c', 'd'],
      });
      const create = await fetch(`${base}/api/things/`, {
        method: 'POST',
        headers: { ...forwarded, 'content-type': 'application/json' },
        body: '{}',
      });
      expect(create.status).toBe(201);
      expect(create.headers.get('location')).toBe('https://netbox.example:8443/api/things/7/');
    });

    it('uses the Host header without a proxy', async () => {
      const list = await fetch(`${base}/api/things/?limit=4`);
      expect(((await list.json()) as { next: string }).next).toBe(`${base}/api/things/?limit=4&offset=4`);
    });
  });

  describe('error bodies', () => {
    it('answers an unknown route with 404 Not found.', async () => {
      const response = await fetch(`${base}/api/nothing-here/`);
      expect(response.status).toBe(404);
      expect(response.headers.get('api-version')).toBe('3.6');
      expect(await response.json()).toEqual({ detail: 'Not found.' });
    });

    it.each([
      ['/api/things/missing/', 404, { detail: 'Not found.' }],
      ['/api/things/forbidden/', 403, { detail: 'Only admins.' }],
      ['/api/things/unavailable/', 503, { service: 'things', status: 'degraded' }],
      ['/api/things/?id=abc', 400, { id: ['Enter a whole number.'] }],
    ])('GET %s -> %i %j', async (path, status, body) => {
      const response = await fetch(`${base}${path}`);
      expect(response.status).toBe(status);
      expect(response.headers.get('content-type')).toBe('application/json');
      expect(await response.json()).toEqual(body);
    });

    it('answers bulk validation errors with an array aligned with the input', async () => {
      const response = await post('/api/things/invalid/', 'application/json', '[{"name": "a"}, {}]');
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual([{}, { name: ['This field is required.'] }]);
    });

    it('answers an unexpected error with 500 and the request id only, and logs the error', async () => {
      const response = await fetch(`${base}/api/things/boom/`);
      const requestId = response.headers.get('x-request-id');
      expect(response.status).toBe(500);
      expect(await response.json()).toEqual({ detail: 'Internal server error.', request_id: requestId });
      expect(
        logger.errors.some((line) => line.includes(requestId!) && line.includes('password=hunter2')),
      ).toBe(true);
    });
  });

  it('serves OPTIONS metadata from the controller', async () => {
    const response = await fetch(`${base}/api/things/`, { method: 'OPTIONS' });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      name: 'Thing List',
      actions: { POST: { id: { type: 'integer', read_only: true } } },
    });
  });
});
