import { Module } from '@nestjs/common';
import { TestResultsController } from './test-results.controller';
import { TestResultsQuery } from './test-results.query';

@Module({ controllers: [TestResultsController], providers: [TestResultsQuery] })
export class TestResultsModule {}
