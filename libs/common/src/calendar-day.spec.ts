import {
  addDays,
  addMonths,
  addYears,
  calendarDayOf,
  daysBetween,
  isCalendarDay,
  swedishDay,
  swedishDayFromToday,
  swedishToday,
} from './calendar-day';

describe('one clock: calendar days in Sweden', () => {
  it('at 23:30 UTC on 31 December it is already the new year in Sweden', () => {
    const newYearsEve = new Date('2026-12-31T23:30:00Z');
    expect(swedishToday(newYearsEve)).toBe('2027-01-01');
    expect(swedishDayFromToday(-1, newYearsEve)).toBe('2026-12-31');
  });

  it('follows summer time: 22:30 UTC is after midnight in July, before it in January', () => {
    expect(swedishDay(new Date('2026-07-14T22:30:00Z'))).toBe('2026-07-15');
    expect(swedishDay(new Date('2026-01-14T22:30:00Z'))).toBe('2026-01-14');
  });

  it('adds days across a daylight-saving change and a year end without drifting', () => {
    expect(addDays('2026-03-28', 1)).toBe('2026-03-29');
    expect(addDays('2026-03-29', 1)).toBe('2026-03-30');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
    expect(daysBetween('2026-03-01', '2026-04-01')).toBe(31);
  });

  it('adds years and months on the calendar', () => {
    expect(addYears('2028-02-29', 1)).toBe('2029-03-01');
    expect(addMonths('2026-12-15', 1)).toBe('2027-01-01');
    expect(addMonths('2026-01-31', -1)).toBe('2025-12-01');
  });

  it('knows a real calendar day from a look-alike', () => {
    expect(isCalendarDay('2028-02-29')).toBe(true);
    expect(isCalendarDay('2027-02-29')).toBe(false);
    expect(isCalendarDay('2027-2-1')).toBe(false);
  });

  it('reads a date column as the day it holds, whatever the process time zone', () => {
    expect(calendarDayOf('2027-01-01')).toBe('2027-01-01');
    // A driver-made Date is local midnight of that day.
    expect(calendarDayOf(new Date(2027, 0, 1))).toBe('2027-01-01');
  });
});
