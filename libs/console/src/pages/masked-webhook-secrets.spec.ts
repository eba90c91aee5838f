import { maskedWebhookSecrets, restoreMaskedSecrets } from './masked-webhook-secrets';

describe('the edit form masks payload_url and additional_headers secrets and puts them back on save', () => {
  const stored = {
    payload_url: 'https://robot:p%40ss@hooks.example/in/',
    additional_headers: 'X-Api-Key: key-123\nX-Team: {{ data.display }}',
  };

  it('shows neither the password nor a header value', () => {
    expect(maskedWebhookSecrets(stored)).toEqual({
      payload_url: 'https://robot:********@hooks.example/in/',
      additional_headers: 'X-Api-Key: ********\nX-Team: ********',
    });
  });

  it('puts the stored values back where the form still shows the mask', () => {
    expect(restoreMaskedSecrets(maskedWebhookSecrets(stored), stored)).toEqual(stored);
  });

  it('sends what the user typed over a mask, and a new header line as typed', () => {
    const edited = {
      payload_url: 'https://robot:new-pass@hooks.example/v2/',
      additional_headers: 'X-Api-Key: key-456\nX-Team: ********\nX-New: ********',
    };
    expect(restoreMaskedSecrets(edited, stored)).toEqual({
      payload_url: 'https://robot:new-pass@hooks.example/v2/',
      additional_headers: 'X-Api-Key: key-456\nX-Team: {{ data.display }}\nX-New: ********',
    });
  });

  it('keeps the stored password when only the rest of the URL changed', () => {
    expect(
      restoreMaskedSecrets(
        { payload_url: 'https://robot:********@hooks.example/v2/', additional_headers: '' },
        stored,
      ).payload_url,
    ).toBe('https://robot:p%40ss@hooks.example/v2/');
  });
});
