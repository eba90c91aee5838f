import { applyDecorators, Delete, Get, HttpCode, Patch, Post, Put, UseInterceptors } from '@nestjs/common';
import { ApiNetBoxOperation } from '../openapi/netbox-operation.openapi';
import { CreatedLocation } from './created-location.interceptor';
import type { DetailHandler, NetBoxResource, OperationOverrides } from './netbox-resource';

/*
 * One decorator per standard route of a NetBox resource: the HTTP method and path, and the OpenAPI
 * operation derived from the resource's declaration (see `NetBoxResource`). Handler names are fixed
 * (`list`, `create`, `get`, `replace`, `modify`, `remove`) because OpenAPI links name them.
 */

export function ListRoute(resource: NetBoxResource, overrides?: OperationOverrides): MethodDecorator {
  return applyDecorators(Get(), ApiNetBoxOperation(resource.list(overrides)));
}

/** DRF's create: 201, and `Location` = the `url` of the representation the handler returns. */
export function CreateRoute(
  resource: NetBoxResource,
  overrides?: OperationOverrides,
  links?: readonly DetailHandler[],
): MethodDecorator {
  return applyDecorators(
    Post(),
    UseInterceptors(CreatedLocation),
    ApiNetBoxOperation(resource.create(overrides, links)),
  );
}

export function GetRoute(resource: NetBoxResource, overrides?: OperationOverrides): MethodDecorator {
  return applyDecorators(Get(':id'), ApiNetBoxOperation(resource.get(overrides)));
}

export function ReplaceRoute(resource: NetBoxResource, overrides?: OperationOverrides): MethodDecorator {
  return applyDecorators(Put(':id'), ApiNetBoxOperation(resource.replace(overrides)));
}

export function ModifyRoute(resource: NetBoxResource, overrides?: OperationOverrides): MethodDecorator {
  return applyDecorators(Patch(':id'), ApiNetBoxOperation(resource.modify(overrides)));
}

/** DRF's destroy: 204 without a body. */
export function DeleteRoute(resource: NetBoxResource, overrides?: OperationOverrides): MethodDecorator {
  return applyDecorators(Delete(':id'), HttpCode(204), ApiNetBoxOperation(resource.remove(overrides)));
}
