import { aComplianceRun } from './compliance-run.builder';

describe('aComplianceRun', () => {
  it('builds N passing results of one test, one device each', () => {
    expect(aComplianceRun(3, 2, 'lab')).toEqual({
      results: [
        { test: 3, device: { name: 'lab-r1' }, passed: true, explanation: [] },
        { test: 3, device: { name: 'lab-r2' }, passed: true, explanation: [] },
      ],
    });
  });

  it('applies one override per result, in order', () => {
    const run = aComplianceRun(3, [{}, { passed: false, explanation: [['x', 1]] }], 'lab');
    expect(run.results.map((result) => [result.device, result.passed, result.explanation])).toEqual([
      [{ name: 'lab-r1' }, true, []],
      [{ name: 'lab-r2' }, false, [['x', 1]]],
    ]);
  });

  it('gives each run its own devices unless told which', () => {
    const [first, second] = [aComplianceRun(3, 1), aComplianceRun(3, 1)];
    expect(first.results[0].device).not.toEqual(second.results[0].device);
  });
});
