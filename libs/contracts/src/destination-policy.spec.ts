import { DestinationPolicy } from './destination-policy';

describe('DestinationPolicy', () => {
  const open = new DestinationPolicy({ blockPrivate: false, allowNetworks: [] });
  const guarded = new DestinationPolicy({ blockPrivate: true, allowNetworks: [] });

  it.each([
    '169.254.169.254',
    '169.254.0.1',
    '100.100.100.200',
    '192.0.0.192',
    'fd00:ec2::254',
    'fe80::1',
    '[fe80::1]',
    '::ffff:169.254.169.254',
    '::ffff:a9fe:a9fe',
  ])('always refuses the link-local or metadata address %s', (address) => {
    expect(open.refusalOf(address)).toMatch(/link-local or cloud metadata .*DELIVERY_ALLOW_NETWORKS/);
    expect(guarded.refusalOf(address)).toMatch(/link-local or cloud metadata/);
  });

  it.each([
    '127.0.0.1',
    '10.1.2.3',
    '172.31.255.255',
    '192.168.0.10',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '::1',
    '::',
    '::ffff:127.0.0.1',
    'fd12::1',
    '64:ff9b::a00:1',
  ])('refuses the private or reserved address %s only when private addresses are blocked', (address) => {
    expect(open.refusalOf(address)).toBeUndefined();
    expect(guarded.refusalOf(address)).toMatch(/private or reserved address \(DELIVERY_BLOCK_PRIVATE=true\)/);
  });

  it.each(['8.8.8.8', '1.1.1.1', '172.32.0.1', '::ffff:8.8.8.8', '2606:4700:4700::1111', 'not-an-ip'])(
    'allows %s',
    (address) => {
      expect(guarded.refusalOf(address)).toBeUndefined();
    },
  );

  it('allows the networks of the allow-list past both rules, and nothing else', () => {
    const policy = new DestinationPolicy({
      blockPrivate: true,
      allowNetworks: ['10.20.0.0/16', '169.254.10.1', 'fd12:3456::/32'],
    });
    expect(policy.refusalOf('10.20.30.40')).toBeUndefined();
    expect(policy.refusalOf('::ffff:10.20.30.40')).toBeUndefined();
    expect(policy.refusalOf('169.254.10.1')).toBeUndefined();
    expect(policy.refusalOf('fd12:3456::1')).toBeUndefined();
    expect(policy.refusalOf('10.21.0.1')).toMatch(/private/);
    expect(policy.refusalOf('169.254.169.254')).toMatch(/metadata/);
  });

  it('parses DELIVERY_ALLOW_NETWORKS, and refuses what is not a network', () => {
    expect(DestinationPolicy.parseNetworkList('')).toEqual([]);
    expect(DestinationPolicy.parseNetworkList(' 10.0.0.0/8, fd00::/8 ,1.2.3.4')).toEqual([
      '10.0.0.0/8',
      'fd00::/8',
      '1.2.3.4',
    ]);
    for (const bad of [
      '10.0.0.0/33',
      'fd00::/129',
      'example.com',
      '10.0.0.0/8/1',
      '10.0.0.0/x',
      '10.0.0.0/',
    ]) {
      expect(DestinationPolicy.parseNetworkList(bad)).toBeUndefined();
    }
  });
});
