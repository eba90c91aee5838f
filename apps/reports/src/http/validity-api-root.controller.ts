import { All, Controller, Get, HttpCode, Options, Req } from '@nestjs/common';
import { ApiExcludeEndpoint } from '@nestjs/swagger';
import type { Request } from 'express';
import { PublicRoute } from '@validity/platform/auth';
import {
  absoluteUrl,
  ApiNetBoxOperation,
  MethodNotAllowedError,
  viewMetadata,
} from '@validity/platform/netbox-api';

/** The Validity endpoints this service serves, sorted as NetBox's router sorts its root's entries. */
const ENDPOINTS = ['reports', 'selectors', 'test-results', 'tests'].sort();

/**
 * `GET /api/plugins/validity/`: the root of Validity's API router (a NetBoxRouter with DRF's default
 * `APIRootView`), linked from `/api/plugins/`. Answers without a token like NetBox's root views.
 */
@Controller('api/plugins/validity')
@PublicRoute()
export class ValidityApiRootController {
  @Get()
  @ApiNetBoxOperation({
    summary: 'Validity API root (no token needed)',
    success: {
      status: 200,
      schema: { type: 'object', additionalProperties: { type: 'string', format: 'uri' } },
    },
    errors: [],
  })
  root(@Req() request: Request): Record<string, string> {
    return Object.fromEntries(
      ENDPOINTS.map((endpoint) => [endpoint, absoluteUrl(request, `/api/plugins/validity/${endpoint}/`)]),
    );
  }

  /** DRF's metadata of its default `APIRootView`: NetBox's view name function makes "Api Root" of it. */
  @Options()
  @HttpCode(200)
  @ApiExcludeEndpoint()
  options(): object {
    return viewMetadata('Api Root', 'The default basic root view for DefaultRouter');
  }

  @All()
  @ApiExcludeEndpoint()
  methodNotAllowed(@Req() request: Request): never {
    throw new MethodNotAllowedError(request.method);
  }
}
