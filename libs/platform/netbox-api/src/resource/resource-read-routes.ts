import { Controller, Query, Req } from '@nestjs/common';
import { PATH_METADATA } from '@nestjs/common/constants';
import type { Request } from 'express';
import type { QueryParams } from '../listing/query-params';
import { listPage } from './list-page';
import type { NetBoxResource } from './netbox-resource';
import { BaseUrl, Brief, ObjectId } from './resource-params';
import type { ResourceReads, ResourceView } from './resource-reads';
import { GetRoute, ListRoute } from './resource-routes';

function list(
  this: ResourceReads<unknown>,
  request: Request,
  query: QueryParams,
  brief: boolean,
  base: string,
) {
  const view: ResourceView = { brief, base, request };
  return listPage(
    request,
    query,
    (page) => this.rows.list(query, page, view),
    (row) => this.represent(row, view),
  );
}

async function get(this: ResourceReads<unknown>, request: Request, id: number, brief: boolean, base: string) {
  const view: ResourceView = { brief, base, request };
  return this.represent(await this.rows.get(id, view), view);
}

/** The kit's read routes: handler, route decorator and one parameter decorator per argument. */
const READ_ROUTES = {
  list: {
    handler: list,
    route: (resource: NetBoxResource) => ListRoute(resource, resource.spec.listOperation),
    params: (): ParameterDecorator[] => [Req(), Query(), Brief(), BaseUrl()],
  },
  get: {
    handler: get,
    route: (resource: NetBoxResource) => GetRoute(resource),
    params: (resource: NetBoxResource): ParameterDecorator[] => [
      Req(),
      ObjectId(resource.spec.maxId),
      Brief(),
      BaseUrl(),
    ],
  },
};

type ReadRoute = keyof typeof READ_ROUTES;

/**
 * The class decorator of a NetBox resource's controller (a class built on `NetBoxResourceController`):
 * Nest's `@Controller` at the declaration's path, and the `list` and `get` routes derived from the
 * declaration for each of the two the controller does not write itself (it then implements
 * `ResourceReads`: its rows and its representation).
 *
 * Nest registers routes, and Swagger documents them, in the order of the prototype's methods: the kit's
 * `list` goes first and its `get` before the controller's first detail route (`:id...`), so a static
 * sub-route such as `health/` is still matched before `:id`.
 */
export function NetBoxController(): ClassDecorator {
  return (target) => {
    const resource = (Object.getPrototypeOf(target) as { resource?: NetBoxResource }).resource;
    if (resource === undefined)
      throw new Error(`${target.name}: @NetBoxController() needs a class built on NetBoxResourceController`);
    const prototype = target.prototype as Record<string, unknown>;
    const own = Object.getOwnPropertyNames(prototype).filter((name) => name !== 'constructor');
    const derived = (['list', 'get'] as const).filter((name) => !own.includes(name));
    if (derived.length > 0 && typeof prototype.represent !== 'function')
      throw new Error(`${target.name}: the kit's ${derived.join(' and ')} routes need ResourceReads`);
    for (const name of derived) {
      const { handler, route, params } = READ_ROUTES[name];
      // A function of its own per controller: Nest and Swagger keep a route's metadata on its function.
      const routeHandler = function (this: ResourceReads<unknown>, ...args: Parameters<typeof handler>) {
        return (handler as (...args: unknown[]) => unknown).apply(this, args);
      };
      Object.defineProperty(routeHandler, 'name', { value: name });
      Object.defineProperty(prototype, name, { value: routeHandler, writable: true, configurable: true });
      route(resource)(prototype, name, descriptorOf(prototype, name));
      for (const [index, param] of params(resource).entries()) param(prototype, name, index);
    }
    reorder(prototype, own, derived);
    Controller(resource.spec.path)(target);
  };
}

function descriptorOf(prototype: object, name: string): PropertyDescriptor {
  return Object.getOwnPropertyDescriptor(prototype, name)!;
}

/** Re-inserts the own methods so that `list` leads and `get` precedes the first detail route. */
function reorder(prototype: object, own: readonly string[], derived: readonly ReadRoute[]): void {
  const isDetailRoute = (name: string) => {
    const handler: unknown = descriptorOf(prototype, name).value;
    if (typeof handler !== 'function') return false;
    const path: unknown = Reflect.getMetadata(PATH_METADATA, handler);
    return typeof path === 'string' && path.startsWith(':id');
  };
  const order = [...own];
  if (derived.includes('get')) {
    const firstDetail = own.findIndex(isDetailRoute);
    order.splice(firstDetail === -1 ? order.length : firstDetail, 0, 'get');
  }
  if (derived.includes('list')) order.unshift('list');
  for (const name of order) {
    const descriptor = descriptorOf(prototype, name);
    delete prototype[name as keyof typeof prototype];
    Object.defineProperty(prototype, name, descriptor);
  }
}
