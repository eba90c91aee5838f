import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { Controller, type INestApplication, Module, Query, Req } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { SwaggerModule, DocumentBuilder, type OpenAPIObject } from '@nestjs/swagger';
import type { Request } from 'express';
import { applyNetBoxConventions } from '../http/apply-netbox-conventions';
import type { QueryParams } from '../listing/query-params';
import { schemaRef } from '../openapi/openapi-schema';
import { listPage } from './list-page';
import { netboxResource } from './netbox-resource';
import { NetBoxResourceController } from './netbox-resource.controller';
import { BaseUrl, Brief, ObjectId } from './resource-params';
import { DeleteRoute, GetRoute, ListRoute } from './resource-routes';

const GADGETS = netboxResource({
  controller: 'GadgetsController',
  path: 'api/gadgets',
  singular: 'gadget',
  plural: 'gadgets',
  representation: schemaRef('Gadget'),
  filters: [],
  writable: 'WritableGadget',
  conflicts: true,
  options: {
    name: 'Gadget List',
    bulkUpdate: true,
    fields: { id: { type: 'integer', read_only: true, label: 'ID' } },
  },
});

const ROWS = [{ id: 1 }, { id: 2 }, { id: 3 }];

@Controller('api/gadgets')
class GadgetsController extends NetBoxResourceController(GADGETS) {
  @ListRoute(GADGETS)
  list(@Req() request: Request, @Query() query: QueryParams, @Brief() brief: boolean) {
    return listPage(
      request,
      query,
      async (page) => ({ count: ROWS.length, results: ROWS.slice(page.offset, page.offset + page.limit) }),
      (row) => ({ ...row, brief }),
    );
  }

  @GetRoute(GADGETS)
  get(@ObjectId(1000) id: number, @Brief() brief: boolean, @BaseUrl() base: string) {
    return { id, brief, url: `${base}/api/gadgets/${id}/` };
  }

  @DeleteRoute(GADGETS)
  remove(): void {}
}

@Module({ controllers: [GadgetsController] })
class GadgetsModule {}

describe('the NetBox resource kit', () => {
  let app: INestApplication;
  let base: string;
  let document: OpenAPIObject;

  beforeAll(async () => {
    app = await NestFactory.create(GadgetsModule, { bodyParser: false, logger: false });
    applyNetBoxConventions(app);
    document = SwaggerModule.createDocument(app, new DocumentBuilder().build());
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  });

  afterAll(() => app.close());

  const call = async (method: string, path: string) => {
    const response = await fetch(`${base}${path}`, { method });
    const text = await response.text();
    return { status: response.status, allow: response.headers.get('allow'), body: text && JSON.parse(text) };
  };

  it('derives each operation of the declaration: summary, 409 among the write errors, links', () => {
    expect(GADGETS.create()).toMatchObject({
      summary: 'Create a gadget',
      body: schemaRef('WritableGadget'),
      errors: [400, 403, 409, 413, 415],
      success: {
        status: 201,
        links: [
          'GadgetsController_get',
          'GadgetsController_replace',
          'GadgetsController_modify',
          'GadgetsController_remove',
        ],
      },
    });
    expect(GADGETS.remove()).toMatchObject({ summary: 'Delete a gadget', errors: [403, 404, 409] });
    expect(GADGETS.get({ summary: 'Get one' }).summary).toBe('Get one');
    expect(netboxResource({ ...GADGETS.spec, singular: 'API token' }).get().summary).toBe('Get an API token');
  });

  it('lists a page with next/previous built from the URL asked for, and reads brief', async () => {
    const page = await call('GET', '/api/gadgets/?limit=1&offset=1&brief=1');
    expect(page).toMatchObject({ status: 200 });
    expect(page.body).toEqual({
      count: 3,
      next: `${base}/api/gadgets/?brief=1&limit=1&offset=2`,
      previous: `${base}/api/gadgets/?brief=1&limit=1`,
      results: [{ id: 2, brief: true }],
    });
  });

  it('reads only the canonical form of an id up to its maximum; anything else is 404', async () => {
    expect((await call('GET', '/api/gadgets/7/')).body).toEqual({
      id: 7,
      brief: false,
      url: `${base}/api/gadgets/7/`,
    });
    for (const id of ['1e0', '07', '+7', '0x7', '1001', 'abc'])
      expect(await call('GET', `/api/gadgets/${id}/`)).toMatchObject({
        status: 404,
        body: { detail: 'Not found.' },
      });
  });

  it('answers 405 with Allow to methods neither route serves, on the list and on the detail route', async () => {
    expect(await call('PATCH', '/api/gadgets/')).toEqual({
      status: 405,
      allow: 'GET, HEAD, OPTIONS',
      body: { detail: 'Method "PATCH" not allowed.' },
    });
    expect(await call('POST', '/api/gadgets/7/')).toEqual({
      status: 405,
      allow: 'GET, DELETE, HEAD, OPTIONS',
      body: { detail: 'Method "POST" not allowed.' },
    });
    expect((await call('DELETE', '/api/gadgets/7/')).status).toBe(204);
  });

  it('answers OPTIONS from the declaration, with the fields under PUT too where the list takes bulk PUT', async () => {
    const { status, body } = await call('OPTIONS', '/api/gadgets/');
    expect(status).toBe(200);
    expect(body).toMatchObject({ name: 'Gadget List' });
    expect(Object.keys(body.actions)).toEqual(['POST', 'PUT']);
    expect(body.actions.PUT).toEqual(body.actions.POST);
  });

  it('documents the routes under the controller-derived operation ids, catch-alls excluded', () => {
    const list = document.paths['/api/gadgets'];
    expect(list.get?.operationId).toBe('GadgetsController_list');
    expect(list.options?.operationId).toBe('GadgetsController_options');
    expect(Object.keys(list).filter((key) => !['get', 'options', 'parameters'].includes(key))).toEqual([]);
    expect(document.paths['/api/gadgets/{id}'].delete?.summary).toBe('Delete a gadget');
  });
});
