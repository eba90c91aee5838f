import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { ADMIN_USER } from '@validity/platform/auth';
import { GATEWAY_CONFIG, type GatewayConfig } from '../../config';
import { ApiTokenRegistry } from './api-token.registry';

/**
 * On start: every token is republished signed with the current HMAC key, and ADMIN_TOKEN becomes a
 * listed, published token of `admin` (once; later starts find it).
 */
@Injectable()
export class ApiTokensBootstrap implements OnApplicationBootstrap {
  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(ApiTokenRegistry) private readonly registry: ApiTokenRegistry,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.registry.republishAll();
    const { adminToken } = this.config.auth;
    if (adminToken) await this.registry.seedAdminToken(adminToken, ADMIN_USER);
  }
}
