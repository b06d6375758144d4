/**
 * One clock for the whole service: a calendar day is a day in Sweden (Europe/Stockholm), written
 * YYYY-MM-DD, whatever time zone the server runs in. Day arithmetic works on the date alone, so
 * it never drifts by an hour at a daylight-saving change.
 */
import { currentInstant } from './clock';

export const SWEDISH_TIME_ZONE = 'Europe/Stockholm';

// Building a formatter costs far more than formatting (it showed in the intake's profile).
const SWEDISH_DAY = new Intl.DateTimeFormat('sv-SE', {
  timeZone: SWEDISH_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar day in Sweden at the instant `at` (default: now, by the clock in use). */
export function swedishDay(at: Date = currentInstant()): string {
  return SWEDISH_DAY.format(at);
}

/** Today's date in Sweden (YYYY-MM-DD). */
export function swedishToday(now: Date = currentInstant()): string {
  return swedishDay(now);
}

/** The day `days` after (or before, when negative) an ISO calendar day. */
export function addDays(isoDay: string, days: number): string {
  const [y, m, d] = isoDay.split('-').map(Number);
  return utcDay(new Date(Date.UTC(y, m - 1, d + days)));
}

/** The same day `years` later (29 February becomes 1 March in a common year). */
export function addYears(isoDay: string, years: number): string {
  const [y, m, d] = isoDay.split('-').map(Number);
  return utcDay(new Date(Date.UTC(y + years, m - 1, d)));
}

/** The first day of the month `months` after the month of `isoDay`. */
export function addMonths(isoDay: string, months: number): string {
  const [y, m] = isoDay.split('-').map(Number);
  return utcDay(new Date(Date.UTC(y, m - 1 + months, 1)));
}

/** A day relative to today in Sweden: `swedishDayFromToday(14)` is two weeks ahead. */
export function swedishDayFromToday(days: number, now: Date = currentInstant()): string {
  return addDays(swedishToday(now), days);
}

/** True when `value` is a real calendar day written YYYY-MM-DD (no 30 February). */
export function isCalendarDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/**
 * The calendar day of a PostgreSQL `date` value: the driver hands these over as text (see
 * libs/database's type parser), older call sites may still pass a Date made at local midnight.
 */
export function calendarDayOf(value: Date | string): string {
  if (typeof value === 'string') return value.slice(0, 10);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${value.getFullYear()}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}`;
}

/** Days between two ISO calendar days (`to - from`). */
export function daysBetween(from: string, to: string): number {
  const ms = (iso: string) => {
    const [y, m, d] = iso.split('-').map(Number);
    return Date.UTC(y, m - 1, d);
  };
  return Math.round((ms(to) - ms(from)) / 86_400_000);
}

// The arithmetic above builds UTC midnights, so their UTC date is the calendar day itself.
function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}
