import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Options,
  Param,
  Patch,
  Post,
  Put,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { authenticatedToken } from '@validity/platform/auth';
import {
  absoluteUrl,
  ApiNetBoxOperation,
  BRIEF_QUERY,
  created,
  isBrief,
  listOf,
  MethodNotAllowedError,
  paginate,
  parsePagination,
  requestIdOf,
  paginatedList,
  requestUrl,
  schemaRef,
  type QueryParams,
} from '@validity/platform/netbox-api';
import type { Webhook } from '../domain/webhook';
import type { ChangeContext } from '../domain/webhook-change';
import { briefWebhookRepresentation, webhookRepresentation } from '../domain/webhook-representation';
import { CreateWebhooks } from '../use-cases/create-webhooks';
import { DeleteWebhooks } from '../use-cases/delete-webhooks';
import { GetWebhook } from '../use-cases/get-webhook';
import { ListWebhooks } from '../use-cases/list-webhooks';
import { UpdateWebhooks } from '../use-cases/update-webhooks';
import { readBulkTargets } from './bulk-operation.input';
import { canReadSecrets, refuseSecretQueries, visibleTo } from './secret-visibility';
import { webhookIdOf } from './webhook-id';
import { WEBHOOK, WEBHOOK_LIST_QUERY, WEBHOOK_OR_BRIEF } from './webhook.openapi';
import { webhookDetailOptions, webhookListOptions } from './webhook-options';

/** `/api/extras/webhooks/` as NetBox 3.6 serves it, bulk operations on the list route included. */
@Controller('api/extras/webhooks')
export class WebhooksController {
  constructor(
    @Inject(ListWebhooks) private readonly listWebhooks: ListWebhooks,
    @Inject(GetWebhook) private readonly getWebhook: GetWebhook,
    @Inject(CreateWebhooks) private readonly createWebhooks: CreateWebhooks,
    @Inject(UpdateWebhooks) private readonly updateWebhooks: UpdateWebhooks,
    @Inject(DeleteWebhooks) private readonly deleteWebhooks: DeleteWebhooks,
  ) {}

  @Get()
  @ApiNetBoxOperation({
    summary: 'List webhooks',
    query: WEBHOOK_LIST_QUERY,
    success: { status: 200, schema: paginatedList(WEBHOOK_OR_BRIEF) },
    errors: [400, 403],
  })
  async list(@Req() request: Request, @Query() query: QueryParams) {
    refuseSecretQueries(request, query);
    const page = parsePagination(query);
    const { webhooks, count } = await this.listWebhooks.execute(query, page, canReadSecrets(request));
    const represent = isBrief(query) ? briefWebhookRepresentation : webhookRepresentation;
    return paginate(
      requestUrl(request),
      count,
      webhooks.map((webhook) => visibleTo(request, represent(webhook, urlsOf(request)), webhook)),
      page,
    );
  }

  /** A JSON object creates one webhook (201 + Location); a JSON array creates all of them or none. */
  @Post()
  @ApiNetBoxOperation({
    summary: 'Create a webhook, or with a list body several at once (all or none)',
    body: { anyOf: [schemaRef('WritableWebhook'), listOf(schemaRef('WritableWebhook'))] },
    success: {
      status: 201,
      schema: { anyOf: [WEBHOOK, listOf(WEBHOOK)] },
      links: [
        'WebhooksController_get',
        'WebhooksController_replace',
        'WebhooksController_modify',
        'WebhooksController_remove',
        'WebhooksController_optionsOne',
      ],
    },
    errors: [400, 403, 413, 415],
  })
  async create(
    @Req() request: Request,
    @Body() body: unknown,
    @Res({ passthrough: true }) response: Response,
  ) {
    const bulk = Array.isArray(body);
    const webhooks = await this.createWebhooks.execute({
      bodies: bulk ? body : [bodyOrEmpty(body)],
      bulk,
      context: changeContext(request),
    });
    const representations = this.represent(request, webhooks);
    if (bulk) {
      response.status(201);
      return representations;
    }
    return created(response, representations[0].url as string, representations[0]);
  }

  @Put()
  @ApiNetBoxOperation({
    summary: 'Replace several webhooks (bulk, each item with its id)',
    body: listOf(schemaRef('BulkWritableWebhook')),
    success: { status: 200, schema: listOf(WEBHOOK) },
    errors: [400, 403, 404, 409, 413, 415],
  })
  async replaceMany(@Req() request: Request, @Body() body: unknown) {
    return this.updateMany(request, body, false);
  }

  @Patch()
  @ApiNetBoxOperation({
    summary: 'Change fields of several webhooks (bulk, each item with its id)',
    body: listOf(schemaRef('PatchedBulkWritableWebhook')),
    success: { status: 200, schema: listOf(WEBHOOK) },
    errors: [400, 403, 404, 409, 413, 415],
  })
  async modifyMany(@Req() request: Request, @Body() body: unknown) {
    return this.updateMany(request, body, true);
  }

  @Delete()
  @HttpCode(204)
  @ApiNetBoxOperation({
    summary: 'Delete several webhooks (bulk)',
    body: listOf(schemaRef('BulkWebhookId')),
    success: { status: 204, schema: null },
    errors: [400, 403, 404, 409, 413, 415],
  })
  async removeMany(@Req() request: Request, @Body() body: unknown): Promise<void> {
    const targets = readBulkTargets(bodyOrEmpty(body));
    await this.deleteWebhooks.execute({
      ids: targets.map((target) => target.id),
      bulk: true,
      context: changeContext(request),
    });
  }

  @Options()
  @ApiNetBoxOperation({
    summary: 'Field metadata and choices (DRF metadata)',
    success: { status: 200, schema: schemaRef('NetBoxOptions') },
    errors: [403],
  })
  options() {
    return webhookListOptions();
  }

  @Get(':id')
  @ApiNetBoxOperation({
    summary: 'Get a webhook',
    query: [BRIEF_QUERY],
    success: { status: 200, schema: WEBHOOK_OR_BRIEF },
    errors: [403, 404],
  })
  async get(@Req() request: Request, @Param('id') id: string, @Query() query: QueryParams) {
    const webhook = await this.getWebhook.execute(webhookIdOf(id));
    const represent = isBrief(query) ? briefWebhookRepresentation : webhookRepresentation;
    return visibleTo(request, represent(webhook, urlsOf(request)), webhook);
  }

  @Put(':id')
  @ApiNetBoxOperation({
    summary: 'Replace a webhook',
    body: schemaRef('WritableWebhook'),
    success: { status: 200, schema: WEBHOOK },
    errors: [400, 403, 404, 409, 413, 415],
  })
  async replace(@Req() request: Request, @Param('id') id: string, @Body() body: unknown) {
    return this.updateOne(request, id, body, false);
  }

  @Patch(':id')
  @ApiNetBoxOperation({
    summary: 'Change fields of a webhook',
    body: schemaRef('PatchedWritableWebhook'),
    success: { status: 200, schema: WEBHOOK },
    errors: [400, 403, 404, 409, 413, 415],
  })
  async modify(@Req() request: Request, @Param('id') id: string, @Body() body: unknown) {
    return this.updateOne(request, id, body, true);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNetBoxOperation({
    summary: 'Delete a webhook',
    success: { status: 204, schema: null },
    errors: [403, 404, 409],
  })
  async remove(@Req() request: Request, @Param('id') id: string): Promise<void> {
    await this.deleteWebhooks.execute({
      ids: [webhookIdOf(id)],
      bulk: false,
      context: changeContext(request),
    });
  }

  @Options(':id')
  @ApiNetBoxOperation({
    summary: 'Field metadata of a webhook (DRF metadata)',
    success: { status: 200, schema: schemaRef('NetBoxOptions') },
    errors: [403, 404],
  })
  async optionsOne(@Param('id') id: string) {
    await this.getWebhook.execute(webhookIdOf(id));
    return webhookDetailOptions();
  }

  /** NetBox's detail route has no POST: 405, not the 404 of an unknown route. */
  @Post(':id')
  @ApiNetBoxOperation({ summary: 'Not allowed: NetBox has no POST on a detail route', errors: [403, 405] })
  createOnDetail(): never {
    throw new MethodNotAllowedError('POST');
  }

  private async updateOne(request: Request, id: string, body: unknown, partial: boolean) {
    const [webhook] = await this.updateWebhooks.execute({
      changes: [{ id: webhookIdOf(id), body: bodyOrEmpty(body) }],
      partial,
      bulk: false,
      context: changeContext(request),
    });
    return webhookRepresentation(webhook, urlsOf(request));
  }

  private async updateMany(request: Request, body: unknown, partial: boolean) {
    const webhooks = await this.updateWebhooks.execute({
      changes: readBulkTargets(bodyOrEmpty(body)),
      partial,
      bulk: true,
      context: changeContext(request),
    });
    return this.represent(request, webhooks);
  }

  private represent(request: Request, webhooks: readonly Webhook[]) {
    return webhooks.map((webhook) => webhookRepresentation(webhook, urlsOf(request)));
  }
}

/** A request without a body reads as `{}`, as DRF's `request.data` does. */
function bodyOrEmpty(body: unknown): unknown {
  return body === undefined ? {} : body;
}

function urlsOf(request: Request): (path: string) => string {
  return (path) => absoluteUrl(request, path);
}

function changeContext(request: Request): ChangeContext {
  return { username: authenticatedToken(request).user.username, requestId: requestIdOf(request) };
}
