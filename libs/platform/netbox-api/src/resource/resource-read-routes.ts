import { Query, Req } from '@nestjs/common';
import type { Request } from 'express';
import type { QueryParams } from '../listing/query-params';
import type { DerivedRoute } from './derived-route';
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

/** The kit's read routes, `list` and `get`, from the controller's `rows` and `represent`. */
export function readRoutes(resource: NetBoxResource): Record<'list' | 'get', DerivedRoute> {
  return {
    list: {
      handler: list,
      route: () => ListRoute(resource, resource.spec.listOperation),
      params: () => [Req(), Query(), Brief(), BaseUrl()],
      detail: false,
    },
    get: {
      handler: get,
      route: () => GetRoute(resource),
      params: () => [Req(), ObjectId(resource.spec.maxId), Brief(), BaseUrl()],
      detail: true,
    },
  };
}
