import type { JsonObject } from '@validity/contracts';
import {
  charField,
  choiceField,
  DrfField,
  emptyPrimaryKeyListField,
  storedCustomFieldsField,
  tagsField,
} from '@validity/platform/netbox-api';
import {
  DEVICE_STATUSES,
  DYNAMIC_PAIRS,
  FILTER_OPERATIONS,
  type DynamicPairs,
  type FilterOperation,
} from '../domain/compliance-selector-choices';

/** Fields a create (POST) or full update (PUT) must send. */
export const REQUIRED_SELECTOR_FIELDS = ['name'] as const;

/** DRF's `CharField(allow_blank=True, max_length=255)`. */
const blankableText = charField({ maxLength: 255, allowBlank: true });

/**
 * Body of POST/PUT/PATCH `/api/plugins/validity/selectors/`: Validity 2.3's ComplianceSelectorSerializer
 * fields with DRF's messages. The DCIM filters name objects this service does not have, so only `[]`
 * passes them. Unknown and read-only keys are ignored.
 */
export class ComplianceSelectorInput {
  @DrfField(charField({ maxLength: 255 }))
  name?: string;

  @DrfField(choiceField(FILTER_OPERATIONS))
  filter_operation?: FilterOperation;

  @DrfField(blankableText)
  name_filter?: string;

  @DrfField(emptyPrimaryKeyListField)
  tag_filter?: never[];

  @DrfField(emptyPrimaryKeyListField)
  manufacturer_filter?: never[];

  @DrfField(emptyPrimaryKeyListField)
  type_filter?: never[];

  @DrfField(emptyPrimaryKeyListField)
  platform_filter?: never[];

  @DrfField(choiceField(['', ...DEVICE_STATUSES]))
  status_filter?: string;

  @DrfField(emptyPrimaryKeyListField)
  location_filter?: never[];

  @DrfField(emptyPrimaryKeyListField)
  site_filter?: never[];

  @DrfField(emptyPrimaryKeyListField)
  tenant_filter?: never[];

  @DrfField(choiceField(DYNAMIC_PAIRS))
  dynamic_pairs?: DynamicPairs;

  @DrfField(blankableText)
  dp_tag_prefix?: string;

  @DrfField(tagsField)
  tags?: never[];

  @DrfField(storedCustomFieldsField)
  custom_fields?: JsonObject;
}
