import { All, Controller, Get, HttpCode, Options, Req } from '@nestjs/common';
import { ApiExcludeEndpoint } from '@nestjs/swagger';
import type { Request } from 'express';
import { PublicRoute } from '@validity/platform/auth';
import {
  absoluteUrl,
  ApiNetBoxOperation,
  MethodNotAllowedError,
  schemaRef,
  viewMetadata,
} from '@validity/platform/netbox-api';

/**
 * Validity 2.3's `PluginConfig` (validity/__init__.py), as NetBox 3.6's `InstalledPluginsAPIView`
 * lists a plugin.
 */
const VALIDITY_PLUGIN = {
  name: 'Validity',
  package: 'validity',
  author: 'Anton Miasnikov',
  author_email: 'anton2008m@gmail.com',
  description: 'Write and run auto tests for network devices',
  version: '2.3.3',
};

/** An API root's entries: the endpoints this system serves there, sorted as NetBoxRouter sorts them. */
function rootOf(request: Request, base: string, endpoints: readonly string[]): Record<string, string> {
  return Object.fromEntries(
    [...endpoints].sort().map((endpoint) => [endpoint, absoluteUrl(request, `${base}${endpoint}/`)]),
  );
}

/**
 * The app roots NetBox 3.6 links from `GET /api/` (`extras/`, `plugins/`, `users/`), listing the
 * endpoints this system serves under each. Like NetBox's root views (with its default
 * `LOGIN_REQUIRED = False`) they answer without a token; other methods get DRF's 405.
 */
@Controller('api')
@PublicRoute()
export class ApiRootsController {
  @Get('extras')
  @ApiNetBoxOperation({
    summary: 'Extras API root (no token needed)',
    success: { status: 200, schema: schemaRef('ApiAppRoot') },
    errors: [],
  })
  extras(@Req() request: Request): Record<string, string> {
    return rootOf(request, '/api/extras/', ['webhooks', 'webhook-deliveries']);
  }

  @Get('users')
  @ApiNetBoxOperation({
    summary: 'Users API root (no token needed)',
    success: { status: 200, schema: schemaRef('ApiAppRoot') },
    errors: [],
  })
  users(@Req() request: Request): Record<string, string> {
    return rootOf(request, '/api/users/', ['tokens']);
  }

  /** NetBox's `PluginsAPIRootView`: `installed-plugins` first, then each plugin's API root. */
  @Get('plugins')
  @ApiNetBoxOperation({
    summary: 'Plugins API root (no token needed)',
    success: { status: 200, schema: schemaRef('ApiAppRoot') },
    errors: [],
  })
  plugins(@Req() request: Request): Record<string, string> {
    return {
      'installed-plugins': absoluteUrl(request, '/api/plugins/installed-plugins/'),
      validity: absoluteUrl(request, '/api/plugins/validity/'),
    };
  }

  @Options(['extras', 'users', 'plugins'])
  @HttpCode(200)
  @ApiExcludeEndpoint()
  rootOptions(@Req() request: Request): object {
    const [name, description] = ROOT_VIEWS[request.path.replace(/^\/api\/|\/$/g, '')] ?? ['', ''];
    return viewMetadata(name, description);
  }

  @All(['extras', 'users', 'plugins'])
  @ApiExcludeEndpoint()
  rootMethodNotAllowed(@Req() request: Request): never {
    throw new MethodNotAllowedError(request.method);
  }
}

/** NetBox 3.6's root views: `get_view_name()` and docstring. */
const ROOT_VIEWS: Readonly<Record<string, [string, string]>> = {
  extras: ['Extras', 'Extras API root view'],
  users: ['Users', 'Users API root view'],
  plugins: ['Plugins', ''],
};

/**
 * `GET /api/plugins/installed-plugins/`: NetBox's `InstalledPluginsAPIView` (staff users only, so it
 * needs a token). Validity is the one plugin.
 */
@Controller('api/plugins/installed-plugins')
export class InstalledPluginsController {
  @Get()
  @ApiNetBoxOperation({
    summary: 'Installed plugins',
    success: { status: 200, schema: schemaRef('InstalledPlugins') },
    errors: [403],
  })
  list(): object[] {
    return [VALIDITY_PLUGIN];
  }

  @Options()
  @ApiExcludeEndpoint()
  options(): object {
    return viewMetadata('Installed Plugins', 'API view for listing all installed non-api plugins.');
  }

  @All()
  @ApiExcludeEndpoint()
  methodNotAllowed(@Req() request: Request): never {
    throw new MethodNotAllowedError(request.method);
  }
}
