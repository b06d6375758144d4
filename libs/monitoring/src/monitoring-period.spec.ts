import { InvalidInputError } from '@km/common';
import {
  bucketStart,
  bucketStarts,
  checkPeriod,
  isCalendarDate,
  oneYearBefore,
  timeseriesPeriod,
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

  it('defaults a series to the year up to today and caps its length', () => {
    expect(oneYearBefore('2026-11-23')).toBe('2025-11-24');
    expect(timeseriesPeriod('month', '2026-11-23')).toEqual({
      from: '2025-11-24',
      to: '2026-11-23',
    });
    expect(fieldsOf(() => timeseriesPeriod('week', '2026-11-23', '2020-01-01'))).toEqual(['from']);
    expect(timeseriesPeriod('month', '2026-11-23', '2020-01-01').from).toBe('2020-01-01');
  });

  it('labels buckets in Swedish', () => {
    expect(bucketLabelSv('month', '2026-03-01')).toBe('mars 2026');
    expect(bucketLabelSv('week', '2026-03-02')).toBe('v. 10 2026');
    expect(bucketLabelSv('week', '2025-12-29')).toBe('v. 1 2026');
    expect(bucketLabelSv('week', '2027-01-04')).toBe('v. 1 2027');
  });
});
