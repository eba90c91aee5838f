import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { ADMIN_USER } from '@validity/platform/auth';
import { GATEWAY_CONFIG, type GatewayConfig } from '../../config';
import { ApiTokenRegistry } from './api-token.registry';

/** ADMIN_TOKEN becomes a listed, published token of `admin` on start (once; later starts find it). */
@Injectable()
export class AdminTokenSeeder implements OnApplicationBootstrap {
  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(ApiTokenRegistry) private readonly registry: ApiTokenRegistry,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { adminToken } = this.config.auth;
    if (adminToken) await this.registry.seedAdminToken(adminToken, ADMIN_USER);
  }
}
