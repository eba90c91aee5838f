import { Controller } from '@nestjs/common';
import { PATH_METADATA } from '@nestjs/common/constants';
import type { DerivedRoute } from './derived-route';
import type { NetBoxResource } from './netbox-resource';
import { readRoutes } from './resource-read-routes';
import { writeRoutes } from './resource-write-routes';

/**
 * The class decorator of a NetBox resource's controller (a class built on `NetBoxResourceController`):
 * Nest's `@Controller` at the declaration's path, and every standard route the declaration implies that
 * the controller does not write itself: `list` and `get` (it then implements `ResourceReads`: its rows
 * and its representation) and the write routes it declares (`ResourceWriter`: its `writes`).
 *
 * Nest registers routes, and Swagger documents them, in the order of the prototype's methods: the kit's
 * list-route handlers (`list`, `create`, the bulk writes) go first and its detail-route handlers (`get`,
 * `replace`, `modify`, `remove`) before the controller's first own `:id...` route, so a static sub-route
 * such as `health/` is still matched before `:id`.
 */
export function NetBoxController(): ClassDecorator {
  return (target) => {
    const resource = (Object.getPrototypeOf(target) as { resource?: NetBoxResource }).resource;
    if (resource === undefined)
      throw new Error(`${target.name}: @NetBoxController() needs a class built on NetBoxResourceController`);
    const prototype = target.prototype as Record<string, unknown>;
    const own = Object.getOwnPropertyNames(prototype).filter((name) => name !== 'constructor');
    const derived = Object.entries({ ...readRoutes(resource), ...writeRoutes(resource) }).filter(
      ([name]) => !own.includes(name),
    );
    // Every derived route answers with `represent` (a write's answer is its full representation).
    if (derived.length > 0 && typeof prototype.represent !== 'function') {
      const names = derived.map(([name]) => name).join(' and ');
      throw new Error(`${target.name}: the kit's ${names} routes need ResourceReads`);
    }
    for (const [name, derivedRoute] of derived) define(prototype, name, derivedRoute);
    reorder(prototype, own, derived);
    Controller(resource.spec.path)(target);
  };
}

function define(prototype: object, name: string, { handler, route, params }: DerivedRoute): void {
  // A function of its own per controller: Nest and Swagger keep a route's metadata on its function.
  const routeHandler = function (this: unknown, ...args: unknown[]) {
    return (handler as (...args: unknown[]) => unknown).apply(this, args);
  };
  Object.defineProperty(routeHandler, 'name', { value: name });
  Object.defineProperty(prototype, name, { value: routeHandler, writable: true, configurable: true });
  route()(prototype, name, descriptorOf(prototype, name));
  for (const [index, param] of params().entries()) param(prototype, name, index);
}

function descriptorOf(prototype: object, name: string): PropertyDescriptor {
  return Object.getOwnPropertyDescriptor(prototype, name)!;
}

/** Re-inserts the methods: derived list routes lead, derived detail routes precede the first own one. */
function reorder(prototype: object, own: readonly string[], derived: ReadonlyArray<[string, DerivedRoute]>) {
  const isDetailRoute = (name: string) => {
    const handler: unknown = descriptorOf(prototype, name).value;
    if (typeof handler !== 'function') return false;
    const path: unknown = Reflect.getMetadata(PATH_METADATA, handler);
    return typeof path === 'string' && path.startsWith(':id');
  };
  const names = (detail: boolean) =>
    derived.filter(([, route]) => route.detail === detail).map(([name]) => name);
  const order = [...own];
  const firstDetail = own.findIndex(isDetailRoute);
  order.splice(firstDetail === -1 ? order.length : firstDetail, 0, ...names(true));
  order.unshift(...names(false));
  for (const name of order) {
    const descriptor = descriptorOf(prototype, name);
    delete prototype[name as keyof typeof prototype];
    Object.defineProperty(prototype, name, descriptor);
  }
}
