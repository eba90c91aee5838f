import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { Get, type INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { NotFoundError } from '../errors/not-found.error';
import { applyNetBoxConventions } from '../http/apply-netbox-conventions';
import { lastValueOf } from '../listing/query-params';
import { schemaRef } from '../openapi/openapi-schema';
import { netboxResource } from './netbox-resource';
import { NetBoxResourceController } from './netbox-resource.controller';
import { NetBoxController } from './netbox-controller';
import type { ResourceReads, ResourceRows, ResourceView } from './resource-reads';
import { BaseUrl } from './resource-params';
import { CreateRoute, DeleteRoute } from './resource-routes';

interface Widget {
  id: number;
  name: string;
}

const WIDGETS = netboxResource({
  controller: 'WidgetsController',
  path: 'api/widgets',
  singular: 'widget',
  plural: 'widgets',
  representation: schemaRef('Widget'),
  filters: [],
  maxId: 100,
  listOperation: { summary: 'List widgets, newest first' },
});

const STORED: Widget[] = [1, 2, 3].map((id) => ({ id, name: `widget ${id}` }));

@NetBoxController()
class WidgetsController extends NetBoxResourceController(WIDGETS) implements ResourceReads<Widget> {
  readonly rows: ResourceRows<Widget> = {
    list: async (query, page) => {
      const id = lastValueOf(query, 'id');
      const selected = STORED.filter((widget) => id === undefined || String(widget.id) === id);
      return { count: selected.length, results: selected.slice(page.offset, page.offset + page.limit) };
    },
    get: async (id) => {
      const widget = STORED.find((stored) => stored.id === id);
      if (widget === undefined) throw new NotFoundError();
      return widget;
    },
  };

  represent(widget: Widget, { brief, base }: ResourceView) {
    const url = `${base}/api/widgets/${widget.id}/`;
    return brief ? { id: widget.id, url } : { id: widget.id, url, name: widget.name };
  }

  @CreateRoute(WIDGETS)
  create(@BaseUrl() base: string) {
    return { id: 4, url: `${base}/api/widgets/4/`, name: 'widget 4' };
  }

  /** A static sub-route beside the detail route. */
  @Get('stats')
  stats() {
    return { widgets: STORED.length };
  }

  @DeleteRoute(WIDGETS)
  remove(): void {}
}

@Module({ controllers: [WidgetsController] })
class WidgetsModule {}

describe('the kit-derived list and get routes', () => {
  let app: INestApplication;
  let base: string;
  let document: OpenAPIObject;

  beforeAll(async () => {
    app = await NestFactory.create(WidgetsModule, { bodyParser: false, logger: false });
    applyNetBoxConventions(app);
    document = SwaggerModule.createDocument(app, new DocumentBuilder().build());
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(() => app.close());

  const call = async (path: string) => {
    const response = await fetch(`${base}${path}`);
    return { status: response.status, body: (await response.json()) as unknown };
  };

  it('pages the rows, hands the filters to the rows and represents each row brief or full', async () => {
    expect(await call('/api/widgets/?limit=1&offset=1')).toEqual({
      status: 200,
      body: {
        count: 3,
        next: `${base}/api/widgets/?limit=1&offset=2`,
        previous: `${base}/api/widgets/?limit=1`,
        results: [{ id: 2, url: `${base}/api/widgets/2/`, name: 'widget 2' }],
      },
    });
    expect((await call('/api/widgets/?id=3&brief=1')).body).toEqual({
      count: 1,
      next: null,
      previous: null,
      results: [{ id: 3, url: `${base}/api/widgets/3/` }],
    });
  });

  it('gets one row by its canonical id up to the declared maximum; anything else is 404', async () => {
    expect(await call('/api/widgets/2/?brief=true')).toEqual({
      status: 200,
      body: { id: 2, url: `${base}/api/widgets/2/` },
    });
    for (const id of ['9', '02', '1e0', '101', '1000'])
      expect(await call(`/api/widgets/${id}/`)).toEqual({ status: 404, body: { detail: 'Not found.' } });
  });

  it('answers a create with 201 and Location = the url of the representation returned', async () => {
    const response = await fetch(`${base}/api/widgets/`, { method: 'POST' });
    expect([response.status, response.headers.get('location')]).toEqual([201, `${base}/api/widgets/4/`]);
  });

  it("matches the controller's static sub-routes before the detail route", async () => {
    expect(await call('/api/widgets/stats/')).toEqual({ status: 200, body: { widgets: 3 } });
  });

  it('documents the routes in the order a hand-written controller would declare them', () => {
    expect(Object.keys(document.paths)).toEqual(['/api/widgets', '/api/widgets/stats', '/api/widgets/{id}']);
    expect(Object.keys(document.paths['/api/widgets'])).toEqual(['get', 'post']);
    expect(Object.keys(document.paths['/api/widgets/{id}'])).toEqual(['get', 'delete']);
    expect(document.paths['/api/widgets'].get).toMatchObject({
      operationId: 'WidgetsController_list',
      summary: 'List widgets, newest first',
    });
    expect(document.paths['/api/widgets/{id}'].get?.summary).toBe('Get a widget');
  });

  it('refuses at once a controller that would get the routes without rows and a representation', () => {
    expect(() => {
      @NetBoxController()
      class HalfController extends NetBoxResourceController(WIDGETS) {}
      return HalfController;
    }).toThrow("HalfController: the kit's list and get routes need ResourceReads");
  });
});
