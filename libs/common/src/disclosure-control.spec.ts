import {
  blockEnds,
  complementarySuppression,
  distinctCountSafe,
  onBlockBoundaries,
} from './disclosure-control';

describe('blockEnds', () => {
  it('closes a block at a bucket of 3 or more employers, or while nothing has happened', () => {
    // Months: 2 employers, 0, 4, 0, 1, 1 (the last two never reach 3 together).
    const ends = blockEnds([{ employers: [2, 0, 4, 0, 1, 1] }], 6);
    expect(ends).toEqual([false, false, true, true, false, false]);
    expect(onBlockBoundaries(ends, 0, 2)).toBe(true);
    expect(onBlockBoundaries(ends, 1, 2)).toBe(false);
    expect(onBlockBoundaries(ends, 3, 3)).toBe(true);
    expect(onBlockBoundaries(ends, 3, 5)).toBe(false);
  });

  it('closes on the union of named employers, and cuts the figures of a table together', () => {
    const a = { employers: [1, 1, 1], members: [['x'], ['y'], ['z']] };
    const same = { employers: [1, 1, 1], members: [['x'], ['x'], ['x']] };
    expect(blockEnds([a], 3)).toEqual([false, false, true]);
    expect(blockEnds([same], 3)).toEqual([false, false, false]);
    expect(blockEnds([a, { employers: [5, 0, 0] }], 3)).toEqual([false, false, true]);
    expect(blockEnds([{ employers: [3, 3, 3] }, { employers: [0, 1, 0] }], 3)).toEqual([
      true,
      false,
      false,
    ]);
  });
});

describe('distinctCountSafe', () => {
  const ends = [true, true, true];
  it('refuses a count that another period differs from by 1 or 2 employers', () => {
    // Employer 0 only in month 2: months 0–2 and 0–1 differ by one employer.
    const presence = [[2], [0, 1], [0, 1], [0, 1], [1]];
    expect(distinctCountSafe(presence, ends, 0, 2)).toBe(false);
    expect(distinctCountSafe(presence, ends, 0, 1)).toBe(false);
  });

  it('allows a count that every other period differs from by 0 or at least 3', () => {
    const presence = [
      [0, 1, 2],
      [0, 1, 2],
      [0, 1, 2],
    ];
    expect(distinctCountSafe(presence, ends, 0, 2)).toBe(true);
    expect(distinctCountSafe([[0], [0]], ends, 0, 2)).toBe(false);
  });
});

describe('complementarySuppression', () => {
  it('hides the smallest cell of 3+ employers next to a lone suppressed one', () => {
    const result = complementarySuppression(
      [
        { value: 7, employers: 1, shown: false },
        { value: 20, employers: 4, shown: true },
        { value: 12, employers: 3, shown: true },
      ],
      true,
    );
    expect(result).toEqual({ cells: [false, true, false], total: true });
  });

  it('hides the total when no cell can take the secondary suppression', () => {
    const result = complementarySuppression(
      [
        { value: 7, employers: 1, shown: false },
        { value: 2, employers: 2, shown: false },
      ],
      true,
    );
    expect(result.total).toBe(false);
  });
});
