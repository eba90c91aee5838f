import { webhookBodyFromForm, webhookFormValues } from './webhook-form';

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
});
