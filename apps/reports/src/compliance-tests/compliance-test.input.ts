import { IsIn, MaxLength, ValidateBy } from 'class-validator';
import type { JsonObject } from '@validity/contracts';
import { DRF_MESSAGES } from '@validity/platform/netbox-api';
import { CustomFieldData, DrfText, NotNullWhenGiven } from './drf-field-rules';
import { isPythonExpression } from './python-expression';
import { SEVERITIES, type Severity } from './severity';

/** Fields a create (POST) or full update (PUT) must send. */
export const REQUIRED_TEST_FIELDS = ['name', 'description', 'expression'] as const;

/**
 * Body of POST/PUT/PATCH `/api/plugins/validity/tests/`: Validity's ComplianceTest fields this service
 * stores, with DRF's messages and Validity's expression rule. Unknown and read-only keys are ignored.
 * The basic rule of each field sits next to the property: class-validator runs rules bottom-up and DRF
 * reports the first failing one.
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

  @CustomFieldData()
  custom_fields?: JsonObject;
}
