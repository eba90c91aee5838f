import { Body, Inject } from '@nestjs/common';
import { ChangeContext } from '@validity/platform/auth';
import {
  BaseUrl,
  CreateRoute,
  DeleteRoute,
  ModifyRoute,
  NetBoxController,
  NetBoxResourceController,
  ObjectId,
  ReplaceRoute,
  type ResourceReads,
  type ResourceView,
} from '@validity/platform/netbox-api';
import { DataSource } from 'typeorm';
import type { ChangeContext as TestChangeContext } from '../../event-sourcing/change-context';
import { MAX_INTEGER_ID } from '../../http/object-id';
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
  implements ResourceReads<ComplianceTest>
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

  @CreateRoute(COMPLIANCE_TESTS)
  async create(@Body() body: unknown, @ChangeContext() change: TestChangeContext, @BaseUrl() base: string) {
    const { input, selectorIds } = await this.validate(body, false);
    const test = await this.createTest.execute(input as NewComplianceTest, selectorIds ?? [], change);
    return complianceTestData(test, base);
  }

  @ReplaceRoute(COMPLIANCE_TESTS)
  async replace(
    @ObjectId(MAX_INTEGER_ID) id: number,
    @Body() body: unknown,
    @ChangeContext() change: TestChangeContext,
    @BaseUrl() base: string,
  ) {
    const { input, selectorIds } = await this.validate(body, false);
    return complianceTestData(await this.updateTest.execute(id, input, selectorIds, change), base);
  }

  @ModifyRoute(COMPLIANCE_TESTS)
  async modify(
    @ObjectId(MAX_INTEGER_ID) id: number,
    @Body() body: unknown,
    @ChangeContext() change: TestChangeContext,
    @BaseUrl() base: string,
  ) {
    const { input, selectorIds } = await this.validate(body, true);
    return complianceTestData(await this.updateTest.execute(id, input, selectorIds, change), base);
  }

  @DeleteRoute(COMPLIANCE_TESTS)
  async remove(
    @ObjectId(MAX_INTEGER_ID) id: number,
    @ChangeContext() change: TestChangeContext,
  ): Promise<void> {
    await this.deleteTest.execute(id, change);
  }

  private validate(body: unknown, partial: boolean) {
    return validateTestInput(
      this.dataSource.manager,
      this.tables,
      body,
      partial ? { partial: true } : { required: REQUIRED_TEST_FIELDS },
    );
  }
}
