import { CpuStarvation } from './cpu-starvation';

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('CpuStarvation', () => {
  it('runs one busy process per core while started and kills every one of them on stop', async () => {
    const starvation = new CpuStarvation(2);
    starvation.start();
    const pids = starvation.pids();
    try {
      expect(pids).toHaveLength(2);
      expect(pids.every(isAlive)).toBe(true);
    } finally {
      await starvation.stop();
    }
    expect(starvation.running).toBe(false);
    expect(pids.filter(isAlive)).toEqual([]);
  });
});
