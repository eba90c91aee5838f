import { All, Options, Post, Req, type Type } from '@nestjs/common';
import { ApiExcludeEndpoint } from '@nestjs/swagger';
import type { Request } from 'express';
import { MethodNotAllowedError } from '../errors/method-not-allowed.error';
import { ApiNetBoxOperation } from '../openapi/netbox-operation.openapi';
import {
  instanceOptionsMetadata,
  optionsMetadata,
  type OptionsMetadata,
  type ViewMetadata,
} from '../options/options-metadata';
import type { NetBoxResource } from './netbox-resource';
import { baseUrl } from '../http/request-url';
import { ObjectId } from './resource-params';
import type { ResourceRows } from './resource-reads';

/** The handlers every resource controller inherits from `NetBoxResourceController(resource)`. */
export interface NetBoxResourceHandlers {
  options(): OptionsMetadata;
  optionsOne(request: Request, id: number): Promise<ViewMetadata>;
  createOnDetail(): never;
  listMethodNotAllowed(request: Request): never;
  detailMethodNotAllowed(request: Request): never;
}

function decorate(target: object, key: string, decorators: readonly MethodDecorator[]): void {
  const descriptor = Object.getOwnPropertyDescriptor(target, key)!;
  for (const decorator of [...decorators].reverse()) decorator(target, key, descriptor);
}

/**
 * The base class of a NetBox resource's controller. It adds, after the subclass's own routes (Nest
 * registers a subclass's handlers before its parent's):
 * - `OPTIONS` on the list route with DRF's metadata, when the resource declares `options` (a controller
 *   whose metadata depends on its configuration overrides `options()` with its own route);
 * - with `instanceOptions`, `OPTIONS` on the detail route: 404 for an unknown object, else the list's
 *   metadata for one object (`instanceOptionsMetadata`);
 * - a documented POST on the detail route answering 405, when the resource declares
 *   `documentPostOnDetail` (OpenAPI lists no catch-all);
 * - the one 405 policy: any other method on the list or the detail route is DRF's
 *   `405 {"detail": "Method \"X\" not allowed."}`, with `Allow` naming what the route serves, as NetBox
 *   answers; a path no route serves stays 404.
 */
export function NetBoxResourceController(resource: NetBoxResource): Type<NetBoxResourceHandlers> {
  const { options, instanceOptions, documentPostOnDetail } = resource.spec;

  class ResourceController implements NetBoxResourceHandlers {
    /** The declaration, for `@NetBoxController()` on the subclass. */
    static readonly resource = resource;

    options(): OptionsMetadata {
      return optionsMetadata(options!);
    }

    /** The list's metadata as DRF answers it for one object, once the object is known to exist. */
    async optionsOne(request: Request, id: number): Promise<ViewMetadata> {
      const { rows } = this as unknown as { rows: ResourceRows<unknown> };
      // The base URL is read only if the rows ask for it: a malformed `Host` cannot fail the lookup.
      await rows.get(id, {
        brief: false,
        request,
        get base() {
          return baseUrl(request);
        },
      });
      return instanceOptionsMetadata(this.options());
    }

    createOnDetail(): never {
      throw new MethodNotAllowedError('POST');
    }

    listMethodNotAllowed(request: Request): never {
      throw new MethodNotAllowedError(request.method);
    }

    detailMethodNotAllowed(request: Request): never {
      throw new MethodNotAllowedError(request.method);
    }
  }

  const prototype = ResourceController.prototype;
  if (options !== undefined) {
    decorate(prototype, 'options', [
      Options(),
      ApiNetBoxOperation(resource.options(options.summary === undefined ? {} : { summary: options.summary })),
    ]);
  }
  if (instanceOptions) {
    decorate(prototype, 'optionsOne', [Options(':id'), ApiNetBoxOperation(resource.optionsOne())]);
    for (const [index, param] of [Req(), ObjectId(resource.spec.maxId)].entries())
      param(prototype, 'optionsOne', index);
  }
  if (documentPostOnDetail) {
    decorate(prototype, 'createOnDetail', [
      Post(':id'),
      ApiNetBoxOperation({
        summary: 'Not allowed: NetBox has no POST on a detail route',
        errors: [403, 405],
      }),
    ]);
  }
  for (const [key, path] of [
    ['listMethodNotAllowed', undefined],
    ['detailMethodNotAllowed', ':id'],
  ] as const) {
    decorate(prototype, key, [All(path), ApiExcludeEndpoint()]);
    Req()(prototype, key, 0);
  }
  return ResourceController;
}
