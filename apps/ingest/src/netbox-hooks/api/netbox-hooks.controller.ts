import { Controller, Headers, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { PublicRoute } from '@validity/platform/auth';
import {
  ApiNetBoxOperation,
  NetBoxValidationError,
  rawBodyOf,
  schemaRef,
} from '@validity/platform/netbox-api';
import { IngestNetBoxHook, type RetryAfter } from '../use-cases/ingest-netbox-hook';

/**
 * `POST /api/ingest/netbox/{source}/`: where a NetBox webhook (or 3.7+ event rule's webhook) points.
 * No API token: the `X-Hook-Signature` NetBox computes with the source's secret is the authentication.
 * 200 only once Kafka acknowledged; 403 unknown or disabled source or bad signature; 400 a body that
 * cannot be placed; 413 over the body limit; 429 over the source's rate; 503 Kafka did not acknowledge.
 */
@Controller('api/ingest/netbox')
export class NetBoxHooksController {
  constructor(@Inject(IngestNetBoxHook) private readonly ingest: IngestNetBoxHook) {}

  @Post(':source')
  @PublicRoute()
  @HttpCode(200)
  @ApiNetBoxOperation({
    summary: "Take a NetBox webhook request (NetBox's default body, signed with the source's secret)",
    body: { type: 'object', description: "NetBox's webhook body, signed in X-Hook-Signature" },
    success: { status: 200, schema: schemaRef('IngestAccepted') },
    errors: [400, 403, 413, 415, 429, 503],
  })
  async receive(
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
    @Param('source') source: string,
    @Headers('x-hook-signature') signature: string | undefined,
  ) {
    const body = rawBodyOf(request);
    if (body === undefined || body.length === 0) {
      throw new NetBoxValidationError({ detail: ['The request has no body.'] });
    }
    try {
      const outcome = await this.ingest.execute({ sourceName: source, body, signature });
      return {
        detail: outcome.duplicate ? 'Already published.' : 'Published.',
        event_id: outcome.eventId,
        topic: outcome.topic,
        duplicate: outcome.duplicate,
      };
    } catch (error) {
      const retryAfter = (error as Partial<RetryAfter>).retryAfterSeconds;
      if (retryAfter !== undefined) response.setHeader('Retry-After', String(retryAfter));
      throw error;
    }
  }
}
