import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { NotFoundError, valuesOf, type Pagination, type QueryParams } from '@validity/platform/netbox-api';
import type { Webhook } from '../domain/webhook';
import { WebhookTable } from '../store/webhook-table';

/** GET `/api/extras/webhooks/`: one page of the webhooks matching the request's filters, and the total. */
@Injectable()
export class ListWebhooks {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(WebhookTable) private readonly table: WebhookTable,
  ) {}

  /** `secretsVisible` false: filters, search and ordering see the URL's password masked, as the token does. */
  execute(
    query: QueryParams,
    page: Pagination,
    secretsVisible = true,
  ): Promise<{ webhooks: Webhook[]; count: number }> {
    // `?export=<template>` renders an export template in NetBox; there are none here, so it is unknown.
    if (valuesOf(query, 'export').length > 0) throw new NotFoundError();
    return this.table.list(this.dataSource.manager, query, page, secretsVisible);
  }
}
