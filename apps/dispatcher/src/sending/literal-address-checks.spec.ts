import { DestinationPolicy } from '@validity/contracts';
import { LiteralAddressChecks } from './literal-address-checks';
import { BlockedDestinationError } from './private-address-guard';

describe('LiteralAddressChecks', () => {
  it('refuses a refused address every time, also from the kept answer', () => {
    const checks = new LiteralAddressChecks(new DestinationPolicy({ blockPrivate: true, allowNetworks: [] }));
    const url = new URL('http://10.0.0.1:9000/hook');
    expect(() => checks.refuse(url)).toThrow(BlockedDestinationError);
    expect(() => checks.refuse(url)).toThrow('10.0.0.1 is a private or reserved address');
    expect(() => checks.refuse(new URL('http://receiver.example/'))).not.toThrow();
  });

  it('asks the policy once per host while the answer is fresh, then again', () => {
    const policy = new DestinationPolicy({ blockPrivate: false, allowNetworks: [] });
    const refusalOf = jest.spyOn(policy, 'refusalOf');
    let now = 0;
    const checks = new LiteralAddressChecks(policy, () => now);
    checks.refuse(new URL('http://127.0.0.1:9000/a'));
    checks.refuse(new URL('http://127.0.0.1:9000/b'));
    expect(refusalOf).toHaveBeenCalledTimes(1);
    now = 60_000;
    checks.refuse(new URL('http://127.0.0.1:9000/a'));
    expect(refusalOf).toHaveBeenCalledTimes(2);
  });
});
