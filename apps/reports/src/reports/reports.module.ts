import { Module } from '@nestjs/common';
import { ComplianceReportsController } from './compliance-reports.controller';
import { ComplianceReportsQuery } from './compliance-reports.query';
import { CreateComplianceReport } from './create-compliance-report';
import { DeleteComplianceReport } from './delete-compliance-report';

@Module({
  controllers: [ComplianceReportsController],
  providers: [ComplianceReportsQuery, CreateComplianceReport, DeleteComplianceReport],
})
export class ReportsModule {}
