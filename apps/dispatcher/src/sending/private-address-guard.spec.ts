import { DestinationPolicy } from '@validity/contracts';
import { BlockedDestinationError, guardedLookup, refuseLiteralAddress } from './private-address-guard';

function resolve(policy: DestinationPolicy, host: string, all: boolean): Promise<unknown> {
  return new Promise((done, fail) =>
    guardedLookup(policy)(host, { all }, (error, address) => (error ? fail(error) : done(address))),
  );
}

describe('guardedLookup', () => {
  it('refuses a name that resolves to a loopback address when private addresses are blocked', async () => {
    const policy = new DestinationPolicy({ blockPrivate: true, allowNetworks: [] });
    await expect(resolve(policy, 'localhost', true)).rejects.toBeInstanceOf(BlockedDestinationError);
    await expect(resolve(policy, 'localhost', false)).rejects.toThrow(
      /localhost resolves to .*DELIVERY_BLOCK_PRIVATE/,
    );
  });

  it('resolves it when they are not, or when its network is allowed', async () => {
    const open = new DestinationPolicy({ blockPrivate: false, allowNetworks: [] });
    const allowed = new DestinationPolicy({ blockPrivate: true, allowNetworks: ['127.0.0.0/8', '::1'] });
    await expect(resolve(open, 'localhost', false)).resolves.toEqual(expect.any(String));
    await expect(resolve(allowed, 'localhost', true)).resolves.toEqual(expect.any(Array));
  });
});

describe('refuseLiteralAddress', () => {
  const open = new DestinationPolicy({ blockPrivate: false, allowNetworks: [] });

  it('refuses a metadata address in the URL even with private addresses allowed', () => {
    expect(() => refuseLiteralAddress(open, new URL('http://169.254.169.254/latest/meta-data/'))).toThrow(
      '169.254.169.254 is a link-local or cloud metadata address (allow it with DELIVERY_ALLOW_NETWORKS)',
    );
    expect(() => refuseLiteralAddress(open, new URL('http://[fd00:ec2::254]/'))).toThrow(
      BlockedDestinationError,
    );
  });

  it('lets host names through to the lookup, and allowed addresses through', () => {
    expect(() => refuseLiteralAddress(open, new URL('http://metadata.example/'))).not.toThrow();
    expect(() => refuseLiteralAddress(open, new URL('http://10.0.0.1/'))).not.toThrow();
  });
});
