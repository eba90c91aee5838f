import { Fifo } from './fifo';

function filled(count: number): Fifo<number> {
  const fifo = new Fifo<number>();
  for (let index = 0; index < count; index += 1) fifo.push(index);
  return fifo;
}

describe('Fifo', () => {
  it('hands items out oldest first, across the cuts of its taken front', () => {
    const fifo = filled(5_000);
    const taken: number[] = [];
    for (let index = 0; index < 3_000; index += 1) taken.push(fifo.shift()!);
    for (let index = 5_000; index < 6_000; index += 1) fifo.push(index);
    for (let item = fifo.shift(); item !== undefined; item = fifo.shift()) taken.push(item);
    expect(taken).toEqual(Array.from({ length: 6_000 }, (_, index) => index));
    expect(fifo.length).toBe(0);
    expect(fifo.peek()).toBeUndefined();
  });

  it('counts and peeks what is left after items were taken', () => {
    const fifo = filled(3_000);
    for (let index = 0; index < 2_000; index += 1) fifo.shift();
    expect(fifo.length).toBe(1_000);
    expect(fifo.peek()).toBe(2_000);
  });

  it('takes everything left, oldest first', () => {
    const fifo = filled(10);
    fifo.shift();
    expect(fifo.takeAll()).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(fifo.length).toBe(0);
    fifo.push(42);
    expect(fifo.shift()).toBe(42);
  });

  it('removes the items a condition picks and keeps the others in order', () => {
    const fifo = filled(10);
    fifo.shift();
    expect(fifo.removeWhere((item) => item % 3 === 0)).toEqual([3, 6, 9]);
    expect(fifo.takeAll()).toEqual([1, 2, 4, 5, 7, 8]);
  });
});
