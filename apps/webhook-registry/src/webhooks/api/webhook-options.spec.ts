import { webhook46ListOptions } from './webhook-46-options';
import { webhookDetailOptions, webhookListOptions } from './webhook-options';

describe("OPTIONS on webhooks (NetBox 3.6's BulkOperationMetadata over WebhookSerializer)", () => {
  const fields = webhookListOptions().actions.POST;

  it("carries the model fields' help texts verbatim, HTML included", () => {
    expect(fields.ssl_verification.help_text).toBe(
      'Enable SSL certificate verification. Disable with caution!',
    );
    expect(fields.secret.help_text).toBe(
      "When provided, the request will include a 'X-Hook-Signature' header containing a HMAC hex " +
        'digest of the payload body using the secret as the key. The secret is not transmitted in the request.',
    );
    expect(fields.type_job_end.help_text).toBe('Triggers when a job for a matching object terminates.');
  });

  it('has no help text where the serializer declares the field itself or the model has none', () => {
    expect(fields.content_types).not.toHaveProperty('help_text');
    expect(fields.name).not.toHaveProperty('help_text');
    expect(fields.enabled).not.toHaveProperty('help_text');
  });

  it('describes the fields under POST and PUT on the list, under PUT alone on a webhook', () => {
    expect(Object.keys(webhookListOptions().actions)).toEqual(['POST', 'PUT']);
    expect(Object.keys(webhookDetailOptions().actions)).toEqual(['PUT']);
  });
});

describe('OPTIONS on webhooks in 4.6 mode', () => {
  it("carries NetBox 4.x's help texts, which mark X-Hook-Signature up as code", () => {
    const fields = webhook46ListOptions().actions.POST;
    expect(fields.secret.help_text).toContain('<code>X-Hook-Signature</code> header');
    expect(fields.payload_url.help_text).toMatch(/^This URL will be called/);
    expect(fields.name).not.toHaveProperty('help_text');
  });
});
