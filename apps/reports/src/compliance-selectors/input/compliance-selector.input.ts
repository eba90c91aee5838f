import { IsIn, MaxLength } from 'class-validator';
import type { JsonObject } from '@validity/contracts';
import { DRF_MESSAGES } from '@validity/platform/netbox-api';
import { CustomFieldData, DrfText, NotNullWhenGiven } from '../../drf-fields/drf-field-rules';
import {
  DEVICE_STATUSES,
  DYNAMIC_PAIRS,
  FILTER_OPERATIONS,
  type DynamicPairs,
  type FilterOperation,
} from '../domain/compliance-selector-choices';
import { DrfCheck, EmptyPrimaryKeyList, NoTags } from '../../drf-fields/related-references';

/** Fields a create (POST) or full update (PUT) must send. */
export const REQUIRED_SELECTOR_FIELDS = ['name'] as const;

const invalidChoice = ({ value }: { value: unknown }) => DRF_MESSAGES.invalidChoice(value);

/** DRF's `CharField(allow_blank=True, max_length=255)`: a string, trimmed, blank allowed. */
function blankableText(maxLength: number) {
  return (value: unknown): string | undefined => {
    if (value === null) return DRF_MESSAGES.null;
    if (typeof value !== 'string' && typeof value !== 'number') return DRF_MESSAGES.notAString;
    if (String(value).includes('\0')) return 'Null characters are not allowed.';
    return [...String(value).trim()].length > maxLength ? DRF_MESSAGES.maxLength(maxLength) : undefined;
  };
}

/**
 * Body of POST/PUT/PATCH `/api/plugins/validity/selectors/`: Validity 2.3's ComplianceSelectorSerializer
 * fields with DRF's messages. The DCIM filters name objects this service does not have, so only `[]`
 * passes them. Unknown and read-only keys are ignored.
 */
export class ComplianceSelectorInput {
  @MaxLength(255, { message: DRF_MESSAGES.maxLength(255) })
  @DrfText()
  name?: string;

  @IsIn(FILTER_OPERATIONS, { message: invalidChoice })
  @NotNullWhenGiven()
  filter_operation?: FilterOperation;

  @DrfCheck('nameFilterText', blankableText(255))
  name_filter?: string;

  @EmptyPrimaryKeyList()
  tag_filter?: never[];

  @EmptyPrimaryKeyList()
  manufacturer_filter?: never[];

  @EmptyPrimaryKeyList()
  type_filter?: never[];

  @EmptyPrimaryKeyList()
  platform_filter?: never[];

  @IsIn(['', ...DEVICE_STATUSES], { message: invalidChoice })
  @NotNullWhenGiven()
  status_filter?: string;

  @EmptyPrimaryKeyList()
  location_filter?: never[];

  @EmptyPrimaryKeyList()
  site_filter?: never[];

  @EmptyPrimaryKeyList()
  tenant_filter?: never[];

  @IsIn(DYNAMIC_PAIRS, { message: invalidChoice })
  @NotNullWhenGiven()
  dynamic_pairs?: DynamicPairs;

  @DrfCheck('dpTagPrefixText', blankableText(255))
  dp_tag_prefix?: string;

  @NoTags()
  tags?: never[];

  @CustomFieldData()
  custom_fields?: JsonObject;
}

/** The text fields as stored: DRF trims them. */
export function trimmedText(value: string | number | undefined): string | undefined {
  return value === undefined ? undefined : String(value).trim();
}
