import { machineSpeed } from './machine-speed';

describe('machineSpeed', () => {
  it('reads the fixed work, alone and two at once, and both wake-up costs, each a positive whole number', async () => {
    const speed = await machineSpeed();

    expect(Object.keys(speed).sort()).toEqual([
      'fixed_cpu_work_ms',
      'fixed_cpu_work_ms_two_at_once',
      'wake_up_cpu_us_back_to_back',
      'wake_up_cpu_us_paced',
    ]);
    for (const value of Object.values(speed)) {
      expect(Number.isInteger(value)).toBe(true);
      expect(value).toBeGreaterThan(0);
    }
  }, 60_000);
});
