import { DestinationPolicy } from '@validity/contracts';
import { payloadUrlRefusal } from './payload-url-destination';

describe('payloadUrlRefusal', () => {
  const open = new DestinationPolicy({ blockPrivate: false, allowNetworks: [] });
  const guarded = new DestinationPolicy({ blockPrivate: true, allowNetworks: [] });

  it('refuses a literal metadata or link-local address whatever DELIVERY_BLOCK_PRIVATE says', async () => {
    await expect(payloadUrlRefusal(open, 'http://169.254.169.254/latest/')).resolves.toBe(
      '169.254.169.254 is a link-local or cloud metadata address (allow it with DELIVERY_ALLOW_NETWORKS).',
    );
    await expect(payloadUrlRefusal(open, 'https://user:pw@[fe80::1]:8443/')).resolves.toMatch(/link-local/);
  });

  it('refuses a host name that resolves to a refused address, naming both', async () => {
    await expect(payloadUrlRefusal(guarded, 'http://localhost:9000/hook')).resolves.toMatch(
      /^localhost resolves to (127\.0\.0\.1|::1), a private or reserved address \(DELIVERY_BLOCK_PRIVATE=true\)\.$/,
    );
    await expect(payloadUrlRefusal(open, 'http://localhost:9000/hook')).resolves.toBeUndefined();
  });

  it('leaves to delivery time a name that does not resolve, a templated host, and what is not a URL', async () => {
    await expect(payloadUrlRefusal(guarded, 'http://receiver.invalid/')).resolves.toBeUndefined();
    await expect(payloadUrlRefusal(guarded, 'http://{{ data.host }}/')).resolves.toBeUndefined();
    await expect(payloadUrlRefusal(guarded, 'not a url')).resolves.toBeUndefined();
  });
});
