/** Validity's `SeverityChoices`: values as stored and sent, labels as OPTIONS shows them. */
export const SEVERITY_CHOICES = [
  { value: 'LOW', display_name: 'Low' },
  { value: 'MIDDLE', display_name: 'Middle' },
  { value: 'HIGH', display_name: 'High' },
] as const;

export type Severity = (typeof SEVERITY_CHOICES)[number]['value'];

export const SEVERITIES: readonly Severity[] = SEVERITY_CHOICES.map((choice) => choice.value);

export const DEFAULT_SEVERITY: Severity = 'MIDDLE';
