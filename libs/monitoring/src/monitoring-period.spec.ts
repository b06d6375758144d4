import { InvalidInputError } from '@km/common';
import {
  bucketStart,
  bucketStarts,
  checkPeriod,
  isCalendarDate,
  oneYearBefore,
  resolvePeriod,
} from './monitoring-period';
import { bucketLabelSv } from './monitoring-labels';

const fieldsOf = (fn: () => unknown): string[] => {
  try {
    fn();
  } catch (error) {
    if (error instanceof InvalidInputError) return error.fieldProblems.map((p) => p.field);
    throw error;
  }
  return [];
};

describe('monitoring periods', () => {
  it('accepts only real calendar dates', () => {
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2026-13-01')).toBe(false);
    expect(isCalendarDate('2026-1-01')).toBe(false);
  });

  it('names the bad field', () => {
    expect(fieldsOf(() => checkPeriod('2026-02-30', '2026-03-01'))).toEqual(['from']);
    expect(fieldsOf(() => checkPeriod('2026-03-01', 'igår'))).toEqual(['to']);
    expect(fieldsOf(() => checkPeriod('2026-03-02', '2026-03-01'))).toEqual(['to']);
    expect(checkPeriod(undefined, '2026-03-01')).toEqual({ from: null, to: '2026-03-01' });
  });

  it('buckets by ISO week (Monday) and calendar month', () => {
    expect(bucketStart('week', '2026-11-23')).toBe('2026-11-23'); // a Monday
    expect(bucketStart('week', '2026-11-29')).toBe('2026-11-23'); // Sunday
    expect(bucketStart('month', '2026-11-29')).toBe('2026-11-01');
    expect(bucketStarts('month', '2025-12-15', '2026-02-01')).toEqual([
      '2025-12-01',
      '2026-01-01',
      '2026-02-01',
    ]);
    expect(bucketStarts('week', '2026-01-01', '2026-01-12')).toEqual([
      '2025-12-29',
      '2026-01-05',
      '2026-01-12',
    ]);
  });

  it('defaults a series to the twelve completed months and caps its length', () => {
    expect(oneYearBefore('2026-11-23')).toBe('2025-11-24');
    const regional = { audience: 'regional', interval: 'month', today: '2026-11-23' } as const;
    expect(resolvePeriod({ ...regional, defaultYear: true })).toEqual({
      from: '2025-11-01',
      to: '2026-10-31',
      asOf: '2026-11-01',
      lastPublished: '2026-10-31',
      adjusted: false,
    });
    expect(resolvePeriod({ ...regional, defaultYear: false }).from).toBeNull();
    const admin = { audience: 'admin', today: '2026-11-23', defaultYear: true } as const;
    expect(
      fieldsOf(() => resolvePeriod({ ...admin, interval: 'week', from: '2020-01-01' })),
    ).toEqual(['from']);
    expect(resolvePeriod({ ...admin, interval: 'month', from: '2020-01-01' }).from).toBe(
      '2020-01-01',
    );
  });

  it('rounds a regional period to whole completed months', () => {
    const regional = {
      audience: 'regional',
      interval: 'month',
      today: '2026-11-23',
      defaultYear: false,
    } as const;
    const p = resolvePeriod({ ...regional, from: '2026-03-15', to: '2026-11-20' });
    expect(p).toMatchObject({ from: '2026-03-01', to: '2026-10-31', adjusted: true });
    expect(resolvePeriod({ ...regional, from: '2026-04-01', to: '2026-06-30' })).toMatchObject({
      asOf: '2026-07-01',
      adjusted: false,
    });
    expect(fieldsOf(() => resolvePeriod({ ...regional, from: '2026-11-02' }))).toEqual(['from']);
    expect(fieldsOf(() => resolvePeriod({ ...regional, interval: 'week' }))).toEqual(['interval']);
  });

  it('lets admins see the running month or week, as of today', () => {
    const p = resolvePeriod({
      audience: 'admin',
      interval: 'week',
      today: '2026-11-25',
      from: '2026-11-04',
      to: '2026-11-25',
      defaultYear: false,
    });
    expect(p).toMatchObject({ from: '2026-11-02', to: '2026-11-29', asOf: '2026-11-26' });
  });

  it('labels buckets in Swedish', () => {
    expect(bucketLabelSv('month', '2026-03-01')).toBe('mars 2026');
    expect(bucketLabelSv('week', '2026-03-02')).toBe('v. 10 2026');
    expect(bucketLabelSv('week', '2025-12-29')).toBe('v. 1 2026');
    expect(bucketLabelSv('week', '2027-01-04')).toBe('v. 1 2027');
  });
});
