import { Module } from '@nestjs/common';
import { ComplianceReportsController } from './compliance-reports.controller';
import { ComplianceReportsQuery } from './compliance-reports.query';
import { CreateComplianceReport } from './create-compliance-report';
import { DeleteComplianceReport } from './delete-compliance-report';
import { ReportRetention } from '../retention/report-retention';

@Module({
  controllers: [ComplianceReportsController],
  providers: [ComplianceReportsQuery, CreateComplianceReport, DeleteComplianceReport, ReportRetention],
})
export class ReportsModule {}
