import { Inject, Injectable } from '@nestjs/common';
import type { ComplianceReportFields } from '@validity/contracts';
import type { ChangeContext } from '../../event-sourcing/change-context';
import { readRunInput } from '../input/run-input';
import { RunInputErrors } from '../input/run-input-errors';
import { RunGroupCommit } from './run-group-commit';

/**
 * POST `/reports/` (our extension: Validity creates reports from its own script): one compliance run.
 * The body is read here (a body that is no run at all is refused at once); then the run is stored by
 * `RunGroupCommit` together with the runs posted meanwhile: in one transaction every result is checked
 * against the tests and devices, the report and its results are stored and exactly one
 * `ComplianceReportCreated` is appended, so nothing is half-written and the event only exists once every
 * result does; retention (`ReportRetention`) prunes after the commit, in a pass of its own.
 */
@Injectable()
export class CreateComplianceReport {
  constructor(@Inject(RunGroupCommit) private readonly runs: RunGroupCommit) {}

  async execute(body: unknown, context: ChangeContext): Promise<ComplianceReportFields> {
    const errors = new RunInputErrors();
    const input = readRunInput(body, errors);
    return this.runs.store({ input, errors, context });
  }
}
