import { Inject } from '@nestjs/common';
import {
  NetBoxController,
  NetBoxResourceController,
  type ResourceReads,
  type ResourceView,
  type ResourceWriter,
  type ResourceWrites,
} from '@validity/platform/netbox-api';
import { DataSource } from 'typeorm';
import { REPORTS_TABLES, type ReportsTables } from '../../storage/reports-tables';
import { REQUIRED_TEST_FIELDS } from '../input/compliance-test.input';
import { validateTestInput } from '../store/test-selectors';
import type { ComplianceTest } from '../domain/compliance-test';
import { briefComplianceTestData, complianceTestData } from '../domain/compliance-test.representation';
import { ComplianceTestsQuery } from '../store/compliance-tests.query';
import { COMPLIANCE_TESTS } from './compliance-tests.resource';
import { CreateComplianceTest, type NewComplianceTest } from '../use-cases/create-compliance-test';
import { DeleteComplianceTest } from '../use-cases/delete-compliance-test';
import { UpdateComplianceTest } from '../use-cases/update-compliance-test';

/** `/api/plugins/validity/tests/`: Validity's compliance test CRUD (single objects). */
@NetBoxController()
export class ComplianceTestsController
  extends NetBoxResourceController(COMPLIANCE_TESTS)
  implements ResourceReads<ComplianceTest>, ResourceWriter<ComplianceTest>
{
  constructor(
    @Inject(ComplianceTestsQuery) readonly rows: ComplianceTestsQuery,
    @Inject(CreateComplianceTest) private readonly createTest: CreateComplianceTest,
    @Inject(UpdateComplianceTest) private readonly updateTest: UpdateComplianceTest,
    @Inject(DeleteComplianceTest) private readonly deleteTest: DeleteComplianceTest,
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(REPORTS_TABLES) private readonly tables: ReportsTables,
  ) {
    super();
  }

  represent(test: ComplianceTest, { brief, base }: ResourceView) {
    return (brief ? briefComplianceTestData : complianceTestData)(test, base);
  }

  readonly writes: ResourceWrites<ComplianceTest> = {
    create: async (body, { change }) => {
      const { input, selectorIds } = await this.validate(body, false);
      return this.createTest.execute(input as NewComplianceTest, selectorIds ?? [], change);
    },
    update: async (id, body, partial, { change }) => {
      const { input, selectorIds } = await this.validate(body, partial);
      return this.updateTest.execute(id, input, selectorIds, change);
    },
    remove: (id, { change }) => this.deleteTest.execute(id, change),
  };

  private validate(body: unknown, partial: boolean) {
    return validateTestInput(
      this.dataSource.manager,
      this.tables,
      body,
      partial ? { partial: true } : { required: REQUIRED_TEST_FIELDS },
    );
  }
}
