/**
 * The choices of Validity 2.3's ComplianceSelector fields (`validity/choices.py`) and NetBox 3.6's
 * `DeviceStatusChoices` (`dcim/choices.py`) for `status_filter`: values as stored and sent, labels as
 * OPTIONS shows them, in their declaration order.
 */
export const FILTER_OPERATION_CHOICES = [
  { value: 'OR', display_name: 'OR' },
  { value: 'AND', display_name: 'AND' },
] as const;

export const DYNAMIC_PAIRS_CHOICES = [
  { value: 'NO', display_name: 'NO' },
  { value: 'NAME', display_name: 'By name' },
  { value: 'TAG', display_name: 'By tag' },
] as const;

export const DEVICE_STATUS_CHOICES = [
  { value: 'offline', display_name: 'Offline' },
  { value: 'active', display_name: 'Active' },
  { value: 'planned', display_name: 'Planned' },
  { value: 'staged', display_name: 'Staged' },
  { value: 'failed', display_name: 'Failed' },
  { value: 'inventory', display_name: 'Inventory' },
  { value: 'decommissioning', display_name: 'Decommissioning' },
] as const;

export type FilterOperation = (typeof FILTER_OPERATION_CHOICES)[number]['value'];
export type DynamicPairs = (typeof DYNAMIC_PAIRS_CHOICES)[number]['value'];

export const FILTER_OPERATIONS: readonly string[] = FILTER_OPERATION_CHOICES.map((choice) => choice.value);
export const DYNAMIC_PAIRS: readonly string[] = DYNAMIC_PAIRS_CHOICES.map((choice) => choice.value);
/** `status_filter` may also be blank (the model field has `blank=True`). */
export const DEVICE_STATUSES: readonly string[] = DEVICE_STATUS_CHOICES.map((choice) => choice.value);
