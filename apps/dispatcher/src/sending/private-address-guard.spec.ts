import { BlockedDestinationError, guardedLookup, isPrivateAddress } from './private-address-guard';

describe('isPrivateAddress', () => {
  it.each([
    '127.0.0.1',
    '10.1.2.3',
    '172.31.255.255',
    '192.168.0.10',
    '169.254.169.254',
    '100.100.100.200',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '::1',
    '::',
    '::ffff:127.0.0.1',
    '::ffff:8.8.8.8',
    'fd00:ec2::254',
    'fe80::1',
    '64:ff9b::a9fe:a9fe',
  ])('refuses %s', (address) => {
    expect(isPrivateAddress(address)).toBe(true);
  });

  it.each(['8.8.8.8', '1.1.1.1', '172.32.0.1', '2606:4700:4700::1111', 'not-an-ip'])(
    'allows %s',
    (address) => {
      expect(isPrivateAddress(address)).toBe(false);
    },
  );
});

describe('guardedLookup', () => {
  function resolve(host: string, all: boolean): Promise<unknown> {
    return new Promise((done, fail) =>
      guardedLookup(host, { all }, (error, address) => (error ? fail(error) : done(address))),
    );
  }

  it('refuses a name that resolves to a loopback address', async () => {
    await expect(resolve('localhost', true)).rejects.toBeInstanceOf(BlockedDestinationError);
    await expect(resolve('localhost', false)).rejects.toThrow(
      /localhost resolves to .*DELIVERY_BLOCK_PRIVATE/,
    );
  });
});
