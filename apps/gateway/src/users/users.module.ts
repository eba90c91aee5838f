import { Module } from '@nestjs/common';
import { ApiTokensController } from './api/api-tokens.controller';
import { AdminTokenSeeder } from './use-cases/admin-token.seeder';
import { ApiTokenRegistry } from './use-cases/api-token.registry';

@Module({
  controllers: [ApiTokensController],
  providers: [ApiTokenRegistry, AdminTokenSeeder],
})
export class UsersModule {}
