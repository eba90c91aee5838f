import { Module } from '@nestjs/common';
import { ComplianceTestsController } from './compliance-tests.controller';
import { ComplianceTestsQuery } from './compliance-tests.query';
import { CreateComplianceTest } from './create-compliance-test';
import { DeleteComplianceTest } from './delete-compliance-test';
import { UpdateComplianceTest } from './update-compliance-test';

@Module({
  controllers: [ComplianceTestsController],
  providers: [ComplianceTestsQuery, CreateComplianceTest, UpdateComplianceTest, DeleteComplianceTest],
})
export class ComplianceTestsModule {}
