import { Module } from '@nestjs/common';
import { ComplianceTestsController } from './api/compliance-tests.controller';
import { ComplianceTestsQuery } from './store/compliance-tests.query';
import { CreateComplianceTest } from './use-cases/create-compliance-test';
import { DeleteComplianceTest } from './use-cases/delete-compliance-test';
import { UpdateComplianceTest } from './use-cases/update-compliance-test';

@Module({
  controllers: [ComplianceTestsController],
  providers: [ComplianceTestsQuery, CreateComplianceTest, UpdateComplianceTest, DeleteComplianceTest],
})
export class ComplianceTestsModule {}
