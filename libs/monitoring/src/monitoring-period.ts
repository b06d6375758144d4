import { FieldProblem, InvalidInputError } from '@km/common';

export const MONITORING_INTERVALS = ['week', 'month'] as const;
export type MonitoringInterval = (typeof MONITORING_INTERVALS)[number];

/** At most this many points in one time series (five years of weeks, ten years of months). */
export const MAX_BUCKETS: Record<MonitoringInterval, number> = { week: 260, month: 120 };

/** Inclusive calendar dates (Europe/Stockholm); null means unbounded on that side. */
export interface Period {
  from: string | null;
  to: string | null;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** True for a real calendar date written YYYY-MM-DD (not 2026-02-30). */
export function isCalendarDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

export function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** The same day a year earlier, plus one: `to` and this span exactly one year. */
export function oneYearBefore(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  return addDays(new Date(Date.UTC(y - 1, m - 1, d)).toISOString().slice(0, 10), 1);
}

/**
 * Checks `from`/`to` (each optional) and their order.
 * @throws InvalidInputError naming the field.
 */
export function checkPeriod(from?: string, to?: string): Period {
  const problems: FieldProblem[] = [];
  for (const [field, value] of [
    ['from', from],
    ['to', to],
  ] as const) {
    if (value !== undefined && !isCalendarDate(value)) {
      problems.push({ field, message: `${field} must be a calendar date written YYYY-MM-DD` });
    }
  }
  if (problems.length) throw new InvalidInputError(problems);
  if (from && to && to < from) {
    throw new InvalidInputError([{ field: 'to', message: 'to must not be before from' }]);
  }
  return { from: from ?? null, to: to ?? null };
}

/** The first day of the week (Monday) or month that contains the date. */
export function bucketStart(interval: MonitoringInterval, isoDate: string): string {
  if (interval === 'month') return `${isoDate.slice(0, 7)}-01`;
  const weekday = (new Date(`${isoDate}T00:00:00Z`).getUTCDay() + 6) % 7;
  return addDays(isoDate, -weekday);
}

/** The start of every week or month from the one containing `from` to the one containing `to`. */
export function bucketStarts(interval: MonitoringInterval, from: string, to: string): string[] {
  const starts: string[] = [];
  let current = bucketStart(interval, from);
  const last = bucketStart(interval, to);
  while (current <= last) {
    starts.push(current);
    if (interval === 'week') {
      current = addDays(current, 7);
    } else {
      const [y, m] = current.split('-').map(Number);
      current = new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 10);
    }
  }
  return starts;
}

/**
 * The period of a time series: `to` defaults to today, `from` to one year before `to`; at most
 * MAX_BUCKETS points.
 * @throws InvalidInputError naming the field.
 */
export function timeseriesPeriod(
  interval: MonitoringInterval,
  today: string,
  from?: string,
  to?: string,
): { from: string; to: string } {
  const checked = checkPeriod(from, to);
  const end = checked.to ?? today;
  const start = checked.from ?? oneYearBefore(end);
  if (end < start) {
    throw new InvalidInputError([{ field: 'from', message: 'from must not be after to' }]);
  }
  if (bucketStarts(interval, start, end).length > MAX_BUCKETS[interval]) {
    throw new InvalidInputError([
      {
        field: 'from',
        message: `a ${interval}ly series has at most ${MAX_BUCKETS[interval]} points; choose a later from`,
      },
    ]);
  }
  return { from: start, to: end };
}
