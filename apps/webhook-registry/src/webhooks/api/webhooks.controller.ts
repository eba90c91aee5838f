import { Body, Delete, HttpCode, Inject, Options, Patch, Put } from '@nestjs/common';
import { ChangeContext } from '@validity/platform/auth';
import {
  ApiNetBoxOperation,
  BaseUrl,
  CreateRoute,
  DeleteRoute,
  ModifyRoute,
  NetBoxController,
  NetBoxResourceController,
  ObjectId,
  ReplaceRoute,
  type ResourceReads,
  type ResourceRows,
  type ResourceView,
} from '@validity/platform/netbox-api';
import type { Webhook } from '../domain/webhook';
import type { ChangeContext as WebhookChangeContext } from '../domain/webhook-change';
import { briefWebhookRepresentation, webhookRepresentation } from '../domain/webhook-representation';
import { briefWebhook46Representation, webhook46Representation } from '../domain/webhook-46-representation';
import type { WebhookApiVersion } from '../validation/validate-webhook-requests';
import { WEBHOOK_API_VERSION } from '../webhook-api-version';
import { CreateWebhooks } from '../use-cases/create-webhooks';
import { DeleteWebhooks } from '../use-cases/delete-webhooks';
import { GetWebhook } from '../use-cases/get-webhook';
import { ListWebhooks } from '../use-cases/list-webhooks';
import { UpdateWebhooks } from '../use-cases/update-webhooks';
import { requestData, requestedChanges } from '../input/write-request';
import { canReadSecrets, refuseSecretQueries, visibleTo } from './secret-visibility';
import { webhookDetailOptions, webhookListOptions } from './webhook-options';
import { webhook46DetailOptions, webhook46ListOptions } from './webhook-46-options';
import { WEBHOOKS, WEBHOOKS_BULK } from './webhooks.resource';

/** `/api/extras/webhooks/` as NetBox 3.6 serves it, bulk operations on the list route included. */
@NetBoxController()
export class WebhooksController extends NetBoxResourceController(WEBHOOKS) implements ResourceReads<Webhook> {
  constructor(
    @Inject(ListWebhooks) private readonly listWebhooks: ListWebhooks,
    @Inject(GetWebhook) private readonly getWebhook: GetWebhook,
    @Inject(CreateWebhooks) private readonly createWebhooks: CreateWebhooks,
    @Inject(UpdateWebhooks) private readonly updateWebhooks: UpdateWebhooks,
    @Inject(DeleteWebhooks) private readonly deleteWebhooks: DeleteWebhooks,
    @Inject(WEBHOOK_API_VERSION) private readonly apiVersion: WebhookApiVersion,
  ) {
    super();
  }

  /** NetBox 4.6's forms when the API speaks 4.6 (no trigger fields), else NetBox 3.6's. */
  private get full() {
    return this.apiVersion === '4.6' ? webhook46Representation : webhookRepresentation;
  }

  private get brief() {
    return this.apiVersion === '4.6' ? briefWebhook46Representation : briefWebhookRepresentation;
  }

  /** A read-only token neither sees secrets nor filters on them. */
  readonly rows: ResourceRows<Webhook> = {
    list: async (query, page, { request }) => {
      refuseSecretQueries(request, query);
      const { webhooks, count } = await this.listWebhooks.execute(query, page, canReadSecrets(request));
      return { count, results: webhooks };
    },
    get: (id) => this.getWebhook.execute(id),
  };

  represent(webhook: Webhook, { brief, base, request }: ResourceView) {
    return visibleTo(request, (brief ? this.brief : this.full)(webhook, urlsOf(base)), webhook);
  }

  /** A JSON object creates one webhook (201 + Location); a JSON array creates all of them or none. */
  @CreateRoute(WEBHOOKS, WEBHOOKS_BULK.create)
  async create(
    @Body() body: unknown,
    @ChangeContext() context: WebhookChangeContext,
    @BaseUrl() base: string,
  ) {
    const bulk = Array.isArray(body);
    const webhooks = await this.createWebhooks.execute({
      bodies: bulk ? body : [requestData(body)],
      bulk,
      context,
    });
    const representations = this.representAll(webhooks, base);
    return bulk ? representations : representations[0];
  }

  @Put()
  @ApiNetBoxOperation(WEBHOOKS_BULK.replace)
  replaceMany(
    @Body() body: unknown,
    @ChangeContext() context: WebhookChangeContext,
    @BaseUrl() base: string,
  ) {
    return this.updateMany(body, false, context, base);
  }

  @Patch()
  @ApiNetBoxOperation(WEBHOOKS_BULK.modify)
  modifyMany(@Body() body: unknown, @ChangeContext() context: WebhookChangeContext, @BaseUrl() base: string) {
    return this.updateMany(body, true, context, base);
  }

  @Delete()
  @HttpCode(204)
  @ApiNetBoxOperation(WEBHOOKS_BULK.remove)
  async removeMany(@Body() body: unknown, @ChangeContext() context: WebhookChangeContext): Promise<void> {
    const targets = requestedChanges(body);
    await this.deleteWebhooks.execute({ ids: targets.map((target) => target.id), bulk: true, context });
  }

  @Options()
  @ApiNetBoxOperation(WEBHOOKS.options())
  override options() {
    return this.apiVersion === '4.6' ? webhook46ListOptions() : webhookListOptions();
  }

  @ReplaceRoute(WEBHOOKS)
  replace(
    @ObjectId() id: number,
    @Body() body: unknown,
    @ChangeContext() context: WebhookChangeContext,
    @BaseUrl() base: string,
  ) {
    return this.updateOne(id, body, false, context, base);
  }

  @ModifyRoute(WEBHOOKS)
  modify(
    @ObjectId() id: number,
    @Body() body: unknown,
    @ChangeContext() context: WebhookChangeContext,
    @BaseUrl() base: string,
  ) {
    return this.updateOne(id, body, true, context, base);
  }

  @DeleteRoute(WEBHOOKS)
  async remove(@ObjectId() id: number, @ChangeContext() context: WebhookChangeContext): Promise<void> {
    await this.deleteWebhooks.execute({ ids: [id], bulk: false, context });
  }

  @Options(':id')
  @ApiNetBoxOperation(
    WEBHOOKS.options({ summary: 'Field metadata of a webhook (DRF metadata)', errors: [403, 404] }),
  )
  async optionsOne(@ObjectId() id: number) {
    await this.getWebhook.execute(id);
    return this.apiVersion === '4.6' ? webhook46DetailOptions() : webhookDetailOptions();
  }

  private async updateOne(
    id: number,
    body: unknown,
    partial: boolean,
    context: WebhookChangeContext,
    base: string,
  ) {
    const changes = requestedChanges(body, id);
    const [webhook] = await this.updateWebhooks.execute({ changes, partial, bulk: false, context });
    return this.full(webhook, urlsOf(base));
  }

  private async updateMany(body: unknown, partial: boolean, context: WebhookChangeContext, base: string) {
    const changes = requestedChanges(body);
    return this.representAll(
      await this.updateWebhooks.execute({ changes, partial, bulk: true, context }),
      base,
    );
  }

  private representAll(webhooks: readonly Webhook[], base: string) {
    return webhooks.map((webhook) => this.full(webhook, urlsOf(base)));
  }
}

function urlsOf(base: string): (path: string) => string {
  return (path) => `${base}${path}`;
}
