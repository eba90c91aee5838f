import { Module } from '@nestjs/common';
import { ApiTokensController } from './api/api-tokens.controller';
import { ApiTokensBootstrap } from './use-cases/api-tokens.bootstrap';
import { ApiTokenRegistry } from './use-cases/api-token.registry';

@Module({
  controllers: [ApiTokensController],
  providers: [ApiTokenRegistry, ApiTokensBootstrap],
})
export class UsersModule {}
