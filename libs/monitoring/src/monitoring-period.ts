import {
  addDays,
  addMonths,
  addYears,
  FieldProblem,
  InvalidInputError,
  isCalendarDay,
} from '@km/common';

export { addDays };

export const MONITORING_INTERVALS = ['week', 'month'] as const;
export type MonitoringInterval = (typeof MONITORING_INTERVALS)[number];

/** At most this many points in one time series (five years of weeks, ten years of months). */
export const MAX_BUCKETS: Record<MonitoringInterval, number> = { week: 260, month: 120 };

/** Inclusive calendar dates (Europe/Stockholm); null means unbounded on that side. */
export interface Period {
  from: string | null;
  to: string | null;
}

/** True for a real calendar date written YYYY-MM-DD (not 2026-02-30). */
export function isCalendarDate(value: string): boolean {
  return isCalendarDay(value);
}

/** The same day a year earlier, plus one: `to` and this span exactly one year. */
export function oneYearBefore(isoDate: string): string {
  return addDays(addYears(isoDate, -1), 1);
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
      current = addMonths(current, 1);
    }
  }
  return starts;
}

/** The last day of the week (Sunday) or month that contains the date. */
export function bucketEnd(interval: MonitoringInterval, isoDate: string): string {
  const start = bucketStart(interval, isoDate);
  if (interval === 'week') return addDays(start, 6);
  return addDays(addMonths(start, 1), -1);
}

/** Who asks: regional staff get whole completed months only (see README, small-count protection). */
export type MonitoringAudience = 'regional' | 'admin';

/** The period a figure covers, after rounding to whole buckets. */
export interface ResolvedPeriod {
  /** First day of the first bucket; null: from the first data (the summary's "all time"). */
  from: string | null;
  /** Last day of the last bucket. */
  to: string;
  /**
   * The clock: every figure describes what had happened by the start of this day (Europe/
   * Stockholm) — the day after `to`, or today while the period has not ended (admins only).
   */
  asOf: string;
  /** The last day any regional figure may cover: the end of the last completed month. */
  lastPublished: string;
  /** True when `from`/`to` were moved to whole buckets (or back to the last completed month). */
  adjusted: boolean;
}

/**
 * Rounds a period to whole weeks or months: `from` back to the first day of its bucket, `to`
 * on to the last day of its bucket. Regional staff get months only and nothing after the last
 * completed month (a month is published once it has ended, as official statistics are).
 * Without `from`: all time, or (`defaultYear`) the twelve buckets up to `to`; without `to`:
 * the last completed month.
 * @throws InvalidInputError naming the field.
 */
export function resolvePeriod(options: {
  audience: MonitoringAudience;
  interval: MonitoringInterval;
  today: string;
  from?: string;
  to?: string;
  defaultYear: boolean;
}): ResolvedPeriod {
  const { audience, interval, today } = options;
  const checked = checkPeriod(options.from, options.to);
  if (audience === 'regional' && interval !== 'month') {
    throw new InvalidInputError([
      { field: 'interval', message: 'regional figures are per month (interval=month)' },
    ]);
  }
  const lastPublished = addDays(bucketStart('month', today), -1);
  const latest = audience === 'regional' ? lastPublished : bucketEnd(interval, today);
  let to = checked.to ? bucketEnd(interval, checked.to) : lastPublished;
  if (to > latest) to = latest;
  let from: string | null = checked.from ? bucketStart(interval, checked.from) : null;
  if (from === null && options.defaultYear) {
    from = bucketStart(interval, addDays(oneYearBefore(to), interval === 'week' ? 6 : 0));
  }
  if (from !== null && from > to) {
    throw new InvalidInputError([
      {
        field: 'from',
        message:
          audience === 'regional'
            ? `from must be in a month that has ended (at the latest ${bucketStart('month', lastPublished)})`
            : 'from must not be after to',
      },
    ]);
  }
  if (from !== null && bucketStarts(interval, from, to).length > MAX_BUCKETS[interval]) {
    throw new InvalidInputError([
      {
        field: 'from',
        message: `a ${interval}ly series has at most ${MAX_BUCKETS[interval]} points; choose a later from`,
      },
    ]);
  }
  const dayAfter = addDays(to, 1);
  return {
    from,
    to,
    asOf: dayAfter < addDays(today, 1) ? dayAfter : addDays(today, 1),
    lastPublished,
    adjusted:
      (checked.from !== null && checked.from !== from) ||
      (checked.to !== null && checked.to !== to),
  };
}
