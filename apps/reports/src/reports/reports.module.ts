import { Module } from '@nestjs/common';
import { ComplianceReportsController } from './compliance-reports.controller';
import { ComplianceReportsQuery } from './compliance-reports.query';
import { CreateComplianceReport } from './create-compliance-report';
import { DeleteComplianceReport } from './delete-compliance-report';
import { ReportRetention } from '../retention/report-retention';
import { RunGroupCommit } from './run-group-commit';

@Module({
  controllers: [ComplianceReportsController],
  providers: [
    ComplianceReportsQuery,
    CreateComplianceReport,
    DeleteComplianceReport,
    ReportRetention,
    RunGroupCommit,
  ],
})
export class ReportsModule {}
