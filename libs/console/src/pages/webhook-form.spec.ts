import { evaluateConditionSet, parseConditionSet } from '@validity/condition-set';
import { complianceReportData } from '@validity/contracts';
import {
  WEBHOOK_FIELDS,
  WEBHOOK_FIELD_NAMES,
  WEBHOOK_FIELDSETS,
  webhookBodyFromForm,
  webhookFormValues,
} from './webhook-form';

describe('webhookBodyFromForm', () => {
  const form = {
    name: 'sample_webhook',
    content_types: 'validity.compliancereport',
    type_create: 'true',
    payload_url: 'http://r/',
    http_method: 'POST',
    secret: '',
    timeout: '',
    conditions: '',
  };

  it('turns the posted form into the API body', () => {
    const { body, errors } = webhookBodyFromForm(form, false);
    expect(errors).toEqual({});
    expect(body).toMatchObject({
      name: 'sample_webhook',
      content_types: ['validity.compliancereport'],
      type_create: true,
      type_update: false,
      enabled: false,
      secret: '',
      timeout: null,
      conditions: null,
    });
  });

  it('keeps the stored secret on an edit with a blank secret and never echoes a typed one', () => {
    expect(webhookBodyFromForm(form, true).body).not.toHaveProperty('secret');
    const typed = webhookBodyFromForm({ ...form, secret: 's3cret' }, true);
    expect(typed.body.secret).toBe('s3cret');
    expect(typed.values.secret).toBeUndefined();
  });

  it('sends the delivery options: blank rate limit and certificate paths as null, the checkbox as a boolean', () => {
    expect(
      webhookBodyFromForm({ ...form, ordering: 'per_object', rate_limit_per_second: '' }, false).body,
    ).toMatchObject({
      ordering: 'per_object',
      rate_limit_per_second: null,
      client_cert_path: null,
      client_key_path: null,
      asymmetric_signature: false,
    });
    expect(
      webhookBodyFromForm(
        {
          ...form,
          ordering: 'unordered',
          rate_limit_per_second: '25',
          client_cert_path: '/etc/validity/client.pem',
          client_key_path: '/etc/validity/client.key',
          asymmetric_signature: 'true',
        },
        false,
      ).body,
    ).toMatchObject({
      rate_limit_per_second: 25,
      client_cert_path: '/etc/validity/client.pem',
      client_key_path: '/etc/validity/client.key',
      asymmetric_signature: true,
    });
  });

  it('leaves a rate limit that is not a whole number to the API to refuse, naming the field', () => {
    expect(
      webhookBodyFromForm({ ...form, rate_limit_per_second: '2.5' }, false).body.rate_limit_per_second,
    ).toBe('2.5');
  });

  it("refuses conditions that are not JSON with Django's message", () => {
    expect(webhookBodyFromForm({ ...form, conditions: '{nope' }, false).errors).toEqual({
      conditions: ['Enter a valid JSON.'],
    });
  });
});

describe('webhookFormValues', () => {
  it('never carries the secret into the edit form', () => {
    expect(
      webhookFormValues({ name: 'a', secret: 'x', conditions: { and: [] }, enabled: true }),
    ).toMatchObject({
      name: 'a',
      conditions: '{\n  "and": []\n}',
      enabled: true,
    });
    expect(webhookFormValues({ secret: 'x' })).not.toHaveProperty('secret');
  });

  it('shows the delivery options as stored, null as blank', () => {
    expect(
      webhookFormValues({
        ordering: 'per_object',
        rate_limit_per_second: null,
        client_cert_path: null,
        asymmetric_signature: true,
      }),
    ).toMatchObject({
      ordering: 'per_object',
      rate_limit_per_second: '',
      client_cert_path: '',
      asymmetric_signature: true,
    });
  });
});

describe('WEBHOOK_FIELDSETS', () => {
  it('places every field of the form in exactly one fieldset, in form order', () => {
    expect(WEBHOOK_FIELDSETS.flatMap((fieldset) => fieldset.fields)).toEqual(WEBHOOK_FIELD_NAMES);
  });
});

describe('the conditions help', () => {
  const example = /e\.g\. (\{.*\})\)\.$/.exec(
    WEBHOOK_FIELDS.find((field) => field.name === 'conditions')?.help ?? '',
  )?.[1];
  const reportData = (totalPassed: number) =>
    complianceReportData({
      id: 7,
      created: { date: new Date('2026-12-06T00:00:00Z'), micros: 0 },
      lastUpdated: { date: new Date('2026-12-06T00:00:00Z'), micros: 0 },
      customFields: {},
      counts: {
        deviceCount: 1,
        testCount: 1,
        totalPassed,
        totalCount: 1,
        lowPassed: 0,
        lowCount: 0,
        middlePassed: 0,
        middleCount: 0,
        highPassed: totalPassed,
        highCount: 1,
      },
    });

  it('gives an example that holds for a report with a passed result and not for one without', () => {
    const parsed = parseConditionSet(JSON.parse(example ?? 'null'));
    if (!parsed.ok) throw new Error(`the example does not parse: ${JSON.stringify(parsed)}`);
    expect(evaluateConditionSet(parsed.conditionSet, reportData(1))).toEqual({ ok: true, matched: true });
    expect(evaluateConditionSet(parsed.conditionSet, reportData(0))).toEqual({ ok: true, matched: false });
  });
});
