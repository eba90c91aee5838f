import { execFileSync } from 'node:child_process';
import { sharedClockEnv, sharedNow } from './shared-clock';

describe('the clock shared with child processes', () => {
  it('reads in a child process a time between the parent reading before and after it', () => {
    const before = sharedNow();
    const child = execFileSync(
      process.execPath,
      [
        '-r',
        '@swc-node/register',
        '-e',
        "process.stdout.write(String(require('./shared-clock').sharedNow()))",
      ],
      { cwd: __dirname, env: { ...process.env, ...sharedClockEnv() }, encoding: 'utf8' },
    );
    const after = sharedNow();
    expect(Number(child)).toBeGreaterThanOrEqual(before);
    expect(Number(child)).toBeLessThanOrEqual(after);
  });

  it('is close to the wall clock', () => {
    expect(Math.abs(sharedNow() - Date.now())).toBeLessThan(60_000);
  });
});
