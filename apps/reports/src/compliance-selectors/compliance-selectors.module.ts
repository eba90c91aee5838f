import { Module } from '@nestjs/common';
import { ComplianceSelectorsController } from './compliance-selectors.controller';
import { ComplianceSelectorsQuery } from './compliance-selectors.query';
import { DeleteComplianceSelector } from './delete-compliance-selector';
import { SaveComplianceSelector } from './save-compliance-selector';

@Module({
  controllers: [ComplianceSelectorsController],
  providers: [ComplianceSelectorsQuery, SaveComplianceSelector, DeleteComplianceSelector],
})
export class ComplianceSelectorsModule {}
