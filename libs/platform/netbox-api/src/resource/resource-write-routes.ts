import { applyDecorators, Body, Delete, HttpCode, Patch, Post, Put, Req } from '@nestjs/common';
import type { Request } from 'express';
import { changeContextOf } from '../http/authenticated-token';
import { readBulkTargets, requestData, requestedChanges } from '../input/bulk-operation';
import { ApiNetBoxOperation } from '../openapi/netbox-operation.openapi';
import type { NetBoxResource } from './netbox-resource';
import { setCreatedLocation } from './created-location.interceptor';
import { BaseUrl, ObjectId } from './resource-params';
import type { ResourceView } from './resource-reads';
import { DeleteRoute, ModifyRoute, ReplaceRoute } from './resource-routes';
import type { DerivedRoute } from './derived-route';
import type {
  BulkResourceWrites,
  RemoveView,
  ResourceWriter,
  ResourceWrites,
  WriteView,
} from './resource-writes';

type Writer = ResourceWriter<unknown> & { represent(row: unknown, view: ResourceView): unknown };

/** `change` is read when a use case asks for it: a route without `TokenAuthGuard` has no author. */
function removeView(request: Request): RemoveView {
  return {
    request,
    get change() {
      return changeContextOf(request);
    },
  };
}

function writeView(request: Request, base: string): WriteView {
  return Object.defineProperties(removeView(request), {
    base: { value: base, enumerable: true },
  }) as WriteView;
}

function answer(writer: Writer, written: unknown, view: WriteView): unknown {
  if (writer.representWritten !== undefined) return writer.representWritten(written, view);
  return writer.represent(written, { brief: false, base: view.base, request: view.request });
}

/** A bulk write answers the list; the same write on one object (a detail route, one body) that object. */
function answerAll(writer: Writer, written: readonly unknown[], view: WriteView, bulk: boolean): unknown {
  const answers = written.map((one) => answer(writer, one, view));
  return bulk ? answers : answers[0];
}

/**
 * The write handlers of one resource. With `bulk` declared, every write goes to the controller's
 * `BulkResourceWrites` as a command over a list (NetBox's bulk views and detail views share one path
 * there); else to its `ResourceWrites`, one object at a time.
 */
function writeHandlers(resource: NetBoxResource) {
  const { bulk } = resource.spec;
  const one = (writer: Writer) => writer.writes as ResourceWrites<unknown>;
  const many = (writer: Writer) => writer.writes as BulkResourceWrites<unknown>;

  async function update(
    writer: Writer,
    id: number | undefined,
    body: unknown,
    partial: boolean,
    view: WriteView,
  ) {
    if (bulk === undefined) return answer(writer, await one(writer).update!(id!, body, partial, view), view);
    const changes = requestedChanges(body, id);
    const isBulk = id === undefined;
    return answerAll(
      writer,
      await many(writer).update({ changes, partial, bulk: isBulk }, view),
      view,
      isBulk,
    );
  }

  return {
    async create(this: Writer, request: Request, body: unknown, base: string) {
      const view = writeView(request, base);
      let created: unknown;
      if (bulk === undefined) created = answer(this, await one(this).create!(body, view), view);
      else {
        const isBulk = bulk.create === true && Array.isArray(body);
        const bodies = isBulk ? (body as unknown[]) : [requestData(body)];
        created = answerAll(this, await many(this).create!({ bodies, bulk: isBulk }, view), view, isBulk);
      }
      // Here rather than by `CreateRoute`'s interceptor: an interceptor wraps every create in rxjs and
      // Nest's deprecated `AsyncResource.bind` path, a few per cent of the reports service's CPU per run.
      setCreatedLocation(request.res!, created);
      return created;
    },
    replace(this: Writer, request: Request, id: number, body: unknown, base: string) {
      return update(this, id, body, false, writeView(request, base));
    },
    modify(this: Writer, request: Request, id: number, body: unknown, base: string) {
      return update(this, id, body, true, writeView(request, base));
    },
    async remove(this: Writer, request: Request, id: number): Promise<void> {
      if (bulk === undefined) await one(this).remove!(id, removeView(request));
      else await many(this).remove({ ids: [id], bulk: false }, removeView(request));
    },
    replaceMany(this: Writer, request: Request, body: unknown, base: string) {
      return update(this, undefined, body, false, writeView(request, base));
    },
    modifyMany(this: Writer, request: Request, body: unknown, base: string) {
      return update(this, undefined, body, true, writeView(request, base));
    },
    async removeMany(this: Writer, request: Request, body: unknown): Promise<void> {
      const ids = readBulkTargets(requestData(body)).map((target) => target.id);
      await many(this).remove({ ids, bulk: true }, removeView(request));
    },
  };
}

function derived(
  handler: DerivedRoute['handler'],
  route: DerivedRoute['route'],
  params: DerivedRoute['params'],
  detail: boolean,
): DerivedRoute {
  return { handler, route, params, detail };
}

/**
 * The write routes a resource declares (`writes`, and `bulk` for the list route's PUT/PATCH/DELETE), in
 * the order Nest registers and Swagger documents them.
 */
export function writeRoutes(resource: NetBoxResource): Record<string, DerivedRoute> {
  const { writes = {}, bulk, maxId } = resource.spec;
  const handlers = writeHandlers(resource);
  const onList = () => [Req(), Body(), BaseUrl()];
  const onDetail = () => [Req(), ObjectId(maxId), Body(), BaseUrl()];
  const { links, ...createOverrides } = writes.create ?? {};
  const bulkRoute =
    (...decorators: MethodDecorator[]) =>
    () =>
      applyDecorators(...decorators);
  const routes: Record<keyof typeof handlers, DerivedRoute | undefined> = {
    create:
      writes.create &&
      derived(
        handlers.create,
        // Not `CreateRoute`: its interceptor sets `Location`, which this handler does itself.
        () => applyDecorators(Post(), ApiNetBoxOperation(resource.create(createOverrides, links))),
        onList,
        false,
      ),
    replaceMany:
      bulk &&
      derived(
        handlers.replaceMany,
        bulkRoute(Put(), ApiNetBoxOperation(resource.replaceMany(bulk.replace))),
        onList,
        false,
      ),
    modifyMany:
      bulk &&
      derived(
        handlers.modifyMany,
        bulkRoute(Patch(), ApiNetBoxOperation(resource.modifyMany(bulk.modify))),
        onList,
        false,
      ),
    removeMany:
      bulk &&
      derived(
        handlers.removeMany,
        bulkRoute(Delete(), HttpCode(204), ApiNetBoxOperation(resource.removeMany(bulk.remove))),
        () => [Req(), Body()],
        false,
      ),
    replace:
      writes.replace &&
      derived(handlers.replace, () => ReplaceRoute(resource, writes.replace), onDetail, true),
    modify:
      writes.modify && derived(handlers.modify, () => ModifyRoute(resource, writes.modify), onDetail, true),
    remove:
      writes.remove &&
      derived(
        handlers.remove,
        () => DeleteRoute(resource, writes.remove),
        () => [Req(), ObjectId(maxId)],
        true,
      ),
  };
  return Object.fromEntries(
    Object.entries(routes).filter((entry): entry is [string, DerivedRoute] => entry[1] !== undefined),
  );
}
