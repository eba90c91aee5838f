import { IsIn, MaxLength, ValidateBy } from 'class-validator';
import type { JsonObject } from '@validity/contracts';
import { DRF_MESSAGES } from '@validity/platform/netbox-api';
import { NoReference, NoTags } from '../../drf-fields/related-references';
import { CustomFieldData, DrfText, NotNullWhenGiven } from '../../drf-fields/drf-field-rules';
import { isPythonExpression } from '../domain/python-expression';
import { SEVERITIES, type Severity } from '../domain/severity';

/** Fields a create (POST) or full update (PUT) must send. */
export const REQUIRED_TEST_FIELDS = ['name', 'description'] as const;

/**
 * Validity 2.3's `DataSourceMixin.clean()` message when a test has neither an expression nor a data
 * source and file (here: no expression, since there are no data sources).
 */
export const EXPRESSION_OR_DATA_FILE = 'You must set either expression or both: data_source and data_file';

/**
 * Body of POST/PUT/PATCH `/api/plugins/validity/tests/`: Validity 2.3's ComplianceTestSerializer fields,
 * with DRF's messages and Validity's expression rule. `expression` is write-only and optional (a test may
 * take it from a data file in Validity); `selectors` are checked against the stored selectors by the
 * controller; `data_source`, `data_file` and `tags` name objects this system does not have. Unknown and
 * read-only keys are ignored. The basic rule of each field sits next to the property: class-validator
 * runs rules bottom-up and DRF reports the first failing one.
 */
export class ComplianceTestInput {
  @MaxLength(255, { message: DRF_MESSAGES.maxLength(255) })
  @DrfText()
  name?: string;

  @DrfText()
  description?: string;

  @IsIn(SEVERITIES, { message: ({ value }) => DRF_MESSAGES.invalidChoice(value) })
  @NotNullWhenGiven()
  severity?: Severity;

  @ValidateBy({
    name: 'isPythonExpression',
    validator: {
      validate: (value) => typeof value === 'string' && isPythonExpression(value),
      defaultMessage: () => 'Invalid Python expression',
    },
  })
  @DrfText()
  expression?: string;

  @NoReference()
  data_source?: never;

  @NoReference()
  data_file?: never;

  /** Checked by the controller against the stored selectors (`primaryKeyList`). */
  selectors?: unknown;

  @NoTags()
  tags?: never[];

  @CustomFieldData()
  custom_fields?: JsonObject;
}
