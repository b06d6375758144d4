import { threadsByHost } from './matching-run.service';

const client = (host: string, pid: number) =>
  `km:bWF0Y2hpbmctcGFydGl0aW9ucw==:w:${host}:${pid}:ab12cd34`;

describe('threadsByHost (how many partitions a nationwide run is split into)', () => {
  it('gives every engine thread of one matcher a partition', () => {
    expect(threadsByHost([client('a', 1)], 2, 2)).toBe(2);
  });

  it('counts at most the cores of a host however many matchers run there', () => {
    expect(threadsByHost([client('a', 1), client('a', 2)], 2, 2)).toBe(2);
    expect(threadsByHost([client('a', 1), client('a', 2), client('a', 3)], 1, 2)).toBe(2);
  });

  it('adds the hosts up and counts a worker with two connections once', () => {
    expect(threadsByHost([client('a', 1), client('a', 1), client('b', 7)], 2, 2)).toBe(4);
  });

  it('is zero with no worker (the run then takes its one partition itself)', () => {
    expect(threadsByHost([], 2, 2)).toBe(0);
  });
});
