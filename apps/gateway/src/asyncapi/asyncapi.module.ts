import { Module } from '@nestjs/common';
import { AsyncApiController } from './api/asyncapi.controller';

@Module({ controllers: [AsyncApiController] })
export class AsyncApiModule {}
