import { Module } from '@nestjs/common';
import { ComplianceSelectorsController } from './api/compliance-selectors.controller';
import { ComplianceSelectorsQuery } from './store/compliance-selectors.query';
import { DeleteComplianceSelector } from './use-cases/delete-compliance-selector';
import { SaveComplianceSelector } from './use-cases/save-compliance-selector';

@Module({
  controllers: [ComplianceSelectorsController],
  providers: [ComplianceSelectorsQuery, SaveComplianceSelector, DeleteComplianceSelector],
})
export class ComplianceSelectorsModule {}
