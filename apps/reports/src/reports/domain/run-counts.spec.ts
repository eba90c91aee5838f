import { RunCounts } from './run-counts';

describe('RunCounts', () => {
  it('counts distinct devices and tests, and results per severity and outcome', () => {
    const counts = new RunCounts();
    counts.add({ testId: 1, deviceId: 10, passed: true }, 'LOW');
    counts.add({ testId: 1, deviceId: 11, passed: false }, 'LOW');
    counts.add({ testId: 2, deviceId: 10, passed: true }, 'MIDDLE');
    counts.add({ testId: 3, deviceId: 10, passed: false }, 'HIGH');
    counts.add({ testId: 3, deviceId: 12, passed: true }, 'HIGH');

    expect(counts.total).toEqual({
      deviceCount: 3,
      testCount: 3,
      totalPassed: 3,
      totalCount: 5,
      lowPassed: 1,
      lowCount: 2,
      middlePassed: 1,
      middleCount: 1,
      highPassed: 1,
      highCount: 2,
    });
  });

  it('is all zeros for a run without results', () => {
    expect(Object.values(new RunCounts().total)).toEqual(Array(10).fill(0));
  });
});
