import { Module } from '@nestjs/common';
import { AdminTokenSeeder } from './admin-token.seeder';
import { ApiTokenPublisher } from './api-token.publisher';
import { ApiTokenRegistry } from './api-token.registry';
import { ApiTokensController } from './api-tokens.controller';

@Module({
  controllers: [ApiTokensController],
  providers: [ApiTokenPublisher, ApiTokenRegistry, AdminTokenSeeder],
})
export class UsersModule {}
