import { debianInstallPlan } from './debian-packages';

describe('debianInstallPlan', () => {
  const missing = ['kcat', 'chromium'];

  it('installs as root directly', () => {
    expect(debianInstallPlan(missing, { asRoot: true, passwordlessSudo: false })).toEqual({
      commands: [
        ['apt-get', 'update', '-qq'],
        ['apt-get', 'install', '-y', '-qq', '--no-install-recommends', 'kcat', 'chromium'],
      ],
    });
  });

  it('installs as another user through sudo when sudo asks for no password', () => {
    expect(debianInstallPlan(missing, { asRoot: false, passwordlessSudo: true })).toEqual({
      commands: [
        ['sudo', '-n', 'apt-get', 'update', '-qq'],
        ['sudo', '-n', 'apt-get', 'install', '-y', '-qq', '--no-install-recommends', 'kcat', 'chromium'],
      ],
    });
  });

  it('otherwise refuses with the one command that installs them, rather than a failed apt-get', () => {
    expect(debianInstallPlan(missing, { asRoot: false, passwordlessSudo: false })).toEqual({
      refusal:
        'The tests need the Debian packages kcat chromium; install them once with:\n' +
        '  sudo apt-get update -qq && sudo apt-get install -y -qq --no-install-recommends kcat chromium',
    });
  });
});
