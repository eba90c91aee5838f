import { Inject, Options } from '@nestjs/common';
import {
  ApiNetBoxOperation,
  NetBoxController,
  NetBoxResourceController,
  type BulkResourceWrites,
  type ResourceReads,
  type ResourceRows,
  type ResourceView,
  type ResourceWriter,
} from '@validity/platform/netbox-api';
import type { Webhook } from '../domain/webhook';
import { briefWebhookRepresentation, webhookRepresentation } from '../domain/webhook-representation';
import { briefWebhook46Representation, webhook46Representation } from '../domain/webhook-46-representation';
import type { WebhookApiVersion } from '../validation/validate-webhook-requests';
import { WEBHOOK_API_VERSION } from '../webhook-api-version';
import { CreateWebhooks } from '../use-cases/create-webhooks';
import { DeleteWebhooks } from '../use-cases/delete-webhooks';
import { GetWebhook } from '../use-cases/get-webhook';
import { ListWebhooks } from '../use-cases/list-webhooks';
import { UpdateWebhooks } from '../use-cases/update-webhooks';
import { canReadSecrets, refuseSecretQueries, visibleTo } from './secret-visibility';
import { webhookListOptions } from './webhook-options';
import { webhook46ListOptions } from './webhook-46-options';
import { WEBHOOKS } from './webhooks.resource';

/** `/api/extras/webhooks/` as NetBox 3.6 serves it, bulk operations on the list route included. */
@NetBoxController()
export class WebhooksController
  extends NetBoxResourceController(WEBHOOKS)
  implements ResourceReads<Webhook>, ResourceWriter<Webhook>
{
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

  /** A read-only token neither sees secrets nor filters on them. */
  readonly rows: ResourceRows<Webhook> = {
    list: async (query, page, { request }) => {
      refuseSecretQueries(request, query);
      const { webhooks, count } = await this.listWebhooks.execute(query, page, canReadSecrets(request));
      return { count, results: webhooks };
    },
    get: (id) => this.getWebhook.execute(id),
  };

  readonly writes: BulkResourceWrites<Webhook> = {
    create: (command, { change }) => this.createWebhooks.execute({ ...command, context: change }),
    update: (command, { change }) => this.updateWebhooks.execute({ ...command, context: change }),
    remove: (command, { change }) => this.deleteWebhooks.execute({ ...command, context: change }),
  };

  /** NetBox 4.6's forms when the API speaks 4.6 (no trigger fields), else NetBox 3.6's. */
  represent(webhook: Webhook, { brief, base, request }: ResourceView) {
    const forms = this.apiVersion === '4.6' ? WEBHOOK_46_FORMS : WEBHOOK_FORMS;
    return visibleTo(
      request,
      forms[brief ? 'brief' : 'full'](webhook, (path) => `${base}${path}`),
      webhook,
    );
  }

  /** The list's OPTIONS (and the detail route's, which the kit derives from it) follow the API version. */
  @Options()
  @ApiNetBoxOperation(WEBHOOKS.options())
  override options() {
    return this.apiVersion === '4.6' ? webhook46ListOptions() : webhookListOptions();
  }
}

const WEBHOOK_FORMS = { full: webhookRepresentation, brief: briefWebhookRepresentation };
const WEBHOOK_46_FORMS = { full: webhook46Representation, brief: briefWebhook46Representation };
