import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { type INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { NotFoundError } from '../errors/not-found.error';
import { applyNetBoxConventions } from '../http/apply-netbox-conventions';
import { schemaRef } from '../openapi/openapi-schema';
import { netboxResource } from './netbox-resource';
import { NetBoxResourceController } from './netbox-resource.controller';
import { NetBoxController } from './netbox-controller';
import type { ResourceRows, ResourceView } from './resource-reads';
import type { BulkResourceWrites, ResourceWrites } from './resource-writes';

interface Gadget {
  id: number;
  name: string;
}

const nameOf = (body: unknown) => String((body as { name?: unknown }).name);

/** Widgets without bulk forms and gadgets with them, each a list of rows in memory. */
function rowsOf(stored: Gadget[]): ResourceRows<Gadget> {
  return {
    list: async () => ({ count: stored.length, results: stored }),
    get: async (id) => {
      const row = stored.find((one) => one.id === id);
      if (row === undefined) throw new NotFoundError();
      return row;
    },
  };
}

const WIDGETS = netboxResource({
  controller: 'WidgetsController',
  path: 'api/widgets',
  singular: 'widget',
  plural: 'widgets',
  representation: schemaRef('Widget'),
  filters: [],
  writable: 'WritableWidget',
  patched: 'PatchedWritableWidget',
  writes: { create: {}, replace: {}, modify: {}, remove: { summary: 'Scrap a widget' } },
});

@NetBoxController()
class WidgetsController extends NetBoxResourceController(WIDGETS) {
  readonly stored: Gadget[] = [{ id: 1, name: 'one' }];
  readonly rows = rowsOf(this.stored);

  readonly writes: ResourceWrites<Gadget> = {
    create: async (body) => {
      const widget = { id: this.stored.length + 1, name: nameOf(body) };
      this.stored.push(widget);
      return widget;
    },
    update: async (id, body, partial) => ({ id, name: `${nameOf(body)}${partial ? ' (patched)' : ''}` }),
    remove: async (id) => void (await this.rows.get(id, {} as ResourceView)),
  };

  represent(widget: Gadget, { base }: ResourceView) {
    return { id: widget.id, url: `${base}/api/widgets/${widget.id}/`, name: widget.name };
  }
}

const GADGETS = netboxResource({
  controller: 'GadgetsController',
  path: 'api/gadgets',
  singular: 'gadget',
  plural: 'gadgets',
  representation: schemaRef('Gadget'),
  filters: [],
  writable: 'WritableGadget',
  patched: 'PatchedWritableGadget',
  writes: { create: {}, replace: {}, modify: {}, remove: {} },
  bulk: { create: true },
});

@NetBoxController()
class GadgetsController extends NetBoxResourceController(GADGETS) {
  readonly commands: unknown[] = [];
  readonly rows = rowsOf([]);

  readonly writes: BulkResourceWrites<Gadget> = {
    create: async (command) => {
      this.commands.push(command);
      return command.bodies.map((body, index) => ({ id: 10 + index, name: nameOf(body) }));
    },
    update: async (command) => {
      this.commands.push(command);
      return command.changes.map(({ id, body }) => ({ id, name: nameOf(body) }));
    },
    remove: async (command) => void this.commands.push(command),
  };

  represent(gadget: Gadget, { base }: ResourceView) {
    return { id: gadget.id, url: `${base}/api/gadgets/${gadget.id}/`, name: gadget.name };
  }
}

@Module({ controllers: [WidgetsController, GadgetsController] })
class WritesModule {}

describe('the kit-derived write routes', () => {
  let app: INestApplication;
  let base: string;
  let document: OpenAPIObject;

  beforeAll(async () => {
    app = await NestFactory.create(WritesModule, { bodyParser: false, logger: false });
    applyNetBoxConventions(app);
    document = SwaggerModule.createDocument(app, new DocumentBuilder().build());
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(() => app.close());

  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${base}${path}`, {
      method,
      ...(body === undefined
        ? {}
        : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
    });
    const text = await response.text();
    return {
      status: response.status,
      location: response.headers.get('location'),
      body: text === '' ? undefined : (JSON.parse(text) as unknown),
    };
  };

  it('creates one object per POST, answered with 201, its representation and Location', async () => {
    expect(await call('POST', '/api/widgets/', { name: 'two' })).toEqual({
      status: 201,
      location: `${base}/api/widgets/2/`,
      body: { id: 2, url: `${base}/api/widgets/2/`, name: 'two' },
    });
  });

  it('hands PUT and PATCH of a detail route to update, partial for PATCH only, and DELETE to remove', async () => {
    expect((await call('PUT', '/api/widgets/1/', { name: 'uno' })).body).toEqual({
      id: 1,
      url: `${base}/api/widgets/1/`,
      name: 'uno',
    });
    expect((await call('PATCH', '/api/widgets/1/', { name: 'uno' })).body).toMatchObject({
      name: 'uno (patched)',
    });
    expect((await call('DELETE', '/api/widgets/1/')).status).toBe(204);
    expect(await call('DELETE', '/api/widgets/99/')).toMatchObject({ status: 404 });
  });

  it('serves no bulk routes where the declaration has none: the list route answers 405', async () => {
    expect(await call('PATCH', '/api/widgets/', [{ id: 1 }])).toMatchObject({
      status: 405,
      body: { detail: 'Method "PATCH" not allowed.' },
    });
  });

  it('takes a list body to POST as one bulk create, answered as a list without Location', async () => {
    const controller = app.get(GadgetsController);
    controller.commands.length = 0;
    expect(await call('POST', '/api/gadgets/', [{ name: 'a' }, { name: 'b' }])).toEqual({
      status: 201,
      location: null,
      body: [
        { id: 10, url: `${base}/api/gadgets/10/`, name: 'a' },
        { id: 11, url: `${base}/api/gadgets/11/`, name: 'b' },
      ],
    });
    expect((await call('POST', '/api/gadgets/', { name: 'c' })).location).toBe(`${base}/api/gadgets/10/`);
    expect(controller.commands).toEqual([
      { bodies: [{ name: 'a' }, { name: 'b' }], bulk: true },
      { bodies: [{ name: 'c' }], bulk: false },
    ]);
  });

  it('reads the bulk PUT/PATCH/DELETE items with their ids; a detail route is the same command with bulk false', async () => {
    const controller = app.get(GadgetsController);
    controller.commands.length = 0;
    expect((await call('PATCH', '/api/gadgets/', [{ id: 3, name: 'x' }])).body).toEqual([
      { id: 3, url: `${base}/api/gadgets/3/`, name: 'x' },
    ]);
    expect((await call('PUT', '/api/gadgets/4/', { name: 'y' })).body).toEqual({
      id: 4,
      url: `${base}/api/gadgets/4/`,
      name: 'y',
    });
    expect((await call('DELETE', '/api/gadgets/', [{ id: 5 }, { id: '6' }])).status).toBe(204);
    expect((await call('DELETE', '/api/gadgets/7/')).status).toBe(204);
    expect(controller.commands).toEqual([
      { changes: [{ id: 3, body: { id: 3, name: 'x' } }], partial: true, bulk: true },
      { changes: [{ id: 4, body: { name: 'y' } }], partial: false, bulk: false },
      { ids: [5, 6], bulk: true },
      { ids: [7], bulk: false },
    ]);
  });

  it("refuses a bulk body that is not a list of items with ids as DRF's BulkOperationSerializer does", async () => {
    expect(await call('DELETE', '/api/gadgets/', { id: 1 })).toMatchObject({
      status: 400,
      body: { non_field_errors: ['Expected a list of items but got type "dict".'] },
    });
    expect(await call('PUT', '/api/gadgets/', [{ id: 1 }, { name: 'no id' }])).toMatchObject({
      status: 400,
      body: [{}, { id: ['This field is required.'] }],
    });
  });

  it('documents the write routes in NetBox order, the bulk ones on the list route', () => {
    expect(Object.keys(document.paths['/api/gadgets'])).toEqual(['get', 'post', 'put', 'patch', 'delete']);
    expect(Object.keys(document.paths['/api/gadgets/{id}'])).toEqual(['get', 'put', 'patch', 'delete']);
    expect(document.paths['/api/gadgets'].put?.summary).toBe(
      'Replace several gadgets (bulk, each item with its id)',
    );
    expect(document.paths['/api/widgets/{id}'].delete).toMatchObject({
      operationId: 'WidgetsController_remove',
      summary: 'Scrap a widget',
    });
  });
});
