import { CoalescedCommits } from './coalesced-commits';
import type { TopicPartitionOffset } from './partition-end-offsets';

const turn = () => new Promise((resolve) => setImmediate(resolve));
/** Long enough that no pass in a spec comes from the timer: each is either the first or a flush. */
const AN_HOUR_MS = 3_600_000;

function committing(fail: () => boolean = () => false) {
  const requests: TopicPartitionOffset[][] = [];
  const told: string[] = [];
  const errors: unknown[] = [];
  const commits = new CoalescedCommits(
    (offsets) => {
      requests.push(offsets);
      return fail() ? Promise.reject(new Error('coordinator away')) : Promise.resolve();
    },
    AN_HOUR_MS,
    (topic, partition) => told.push(`${topic}:${partition}`),
    (error) => errors.push(error),
  );
  return { commits, requests, told, errors };
}

describe('CoalescedCommits', () => {
  it('commits the first offset at once, then what the interval gathered in one request, the latest per partition', async () => {
    const { commits, requests, told } = committing();
    commits.add('a', 0, '1');
    await turn();
    expect(requests).toEqual([[{ topic: 'a', partition: 0, offset: '1' }]]);

    commits.add('a', 0, '5');
    commits.add('a', 1, '3');
    commits.add('b', 0, '9');
    commits.add('a', 0, '7');
    await turn();
    expect(requests).toHaveLength(1);
    await commits.flush();
    expect(requests[1]).toEqual([
      { topic: 'a', partition: 0, offset: '7' },
      { topic: 'a', partition: 1, offset: '3' },
      { topic: 'b', partition: 0, offset: '9' },
    ]);
    expect(told).toEqual(['a:0', 'a:0', 'a:1', 'b:0']);
    await commits.stop();
  });

  it('keeps the offsets of a failed commit for the next pass, unless a newer one was handled meanwhile', async () => {
    let failing = true;
    const { commits, requests, told, errors } = committing(() => failing);
    commits.add('a', 0, '4');
    commits.add('a', 1, '2');
    await turn();
    expect(errors).toEqual([new Error('coordinator away')]);
    commits.add('a', 1, '6');
    failing = false;
    await commits.flush();
    expect(requests.at(-1)).toEqual([
      { topic: 'a', partition: 0, offset: '4' },
      { topic: 'a', partition: 1, offset: '6' },
    ]);
    expect(told).toEqual(['a:0', 'a:1']);
    await commits.stop();
  });

  it('hands what waits to a caller that commits it itself, and forgets it on clear', async () => {
    const { commits, requests } = committing();
    commits.add('a', 0, '1');
    await turn();
    commits.add('a', 0, '2');
    commits.add('a', 1, '8');
    expect(commits.take()).toEqual([
      { topic: 'a', partition: 0, offset: '2' },
      { topic: 'a', partition: 1, offset: '8' },
    ]);
    commits.add('a', 0, '3');
    commits.clear();
    await commits.flush();
    expect(requests).toHaveLength(1);
    await commits.stop();
  });
});
