import { Module } from '@nestjs/common';
import { ComplianceReportsController } from './api/compliance-reports.controller';
import { ComplianceReportsQuery } from './store/compliance-reports.query';
import { CreateComplianceReport } from './use-cases/create-compliance-report';
import { DeleteComplianceReport } from './use-cases/delete-compliance-report';
import { ReportPurger } from './use-cases/report-purger';
import { ReportRetention } from './use-cases/report-retention';
import { RunGroupCommit } from './use-cases/run-group-commit';

@Module({
  controllers: [ComplianceReportsController],
  providers: [
    ComplianceReportsQuery,
    CreateComplianceReport,
    DeleteComplianceReport,
    ReportPurger,
    ReportRetention,
    RunGroupCommit,
  ],
})
export class ReportsModule {}
