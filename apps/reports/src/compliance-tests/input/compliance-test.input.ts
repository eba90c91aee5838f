import type { JsonObject } from '@validity/contracts';
import {
  charField,
  choiceField,
  DrfField,
  InvalidFieldValue,
  storedCustomFieldsField,
  tagsField,
  unresolvedReferenceField,
  type FieldParser,
} from '@validity/platform/netbox-api';
import { isPythonExpression } from '../domain/python-expression';
import { SEVERITIES, type Severity } from '../domain/severity';

/** Fields a create (POST) or full update (PUT) must send. */
export const REQUIRED_TEST_FIELDS = ['name', 'description'] as const;

/**
 * Validity 2.3's `DataSourceMixin.clean()` message when a test has neither an expression nor a data
 * source and file (here: no expression, since there are no data sources).
 */
export const EXPRESSION_OR_DATA_FILE = 'You must set either expression or both: data_source and data_file';

const text = charField();

/** A `CharField` whose text must be one Python expression (Validity's validator). */
const expressionField: FieldParser<string> = (raw) => {
  const expression = text(raw);
  if (expression instanceof InvalidFieldValue) return expression;
  return expression !== null && isPythonExpression(expression)
    ? expression
    : new InvalidFieldValue('Invalid Python expression');
};

/**
 * Body of POST/PUT/PATCH `/api/plugins/validity/tests/`: Validity 2.3's ComplianceTestSerializer fields,
 * with DRF's messages and Validity's expression rule. `expression` is write-only and optional (a test may
 * take it from a data file in Validity); `selectors` are checked against the stored selectors by the
 * controller; `data_source`, `data_file` and `tags` name objects this system does not have. Unknown and
 * read-only keys are ignored. Each field is one DRF field parser, and holds DRF's internal value once
 * read (text stripped as Python strips it).
 */
export class ComplianceTestInput {
  @DrfField(charField({ maxLength: 255 }))
  name?: string;

  @DrfField(text)
  description?: string;

  @DrfField(choiceField(SEVERITIES))
  severity?: Severity;

  @DrfField(expressionField)
  expression?: string;

  @DrfField(unresolvedReferenceField)
  data_source?: never;

  @DrfField(unresolvedReferenceField)
  data_file?: never;

  /** Checked by the controller against the stored selectors (`primaryKeyListField`). */
  selectors?: unknown;

  @DrfField(tagsField)
  tags?: never[];

  @DrfField(storedCustomFieldsField)
  custom_fields?: JsonObject;
}
