import { DataSource } from 'typeorm';
import { AuthUser } from '@km/auth';
import { InvalidInputError, OutOfScopeError, swedishToday } from '@km/common';
import { NATIONWIDE_SV } from './monitoring-labels';
import { MonitoringInterval, resolvePeriod } from './monitoring-period';
import { MonitoringQuery, MonitoringScope } from './monitoring.types';

/** How a scope asks for figures: the period's defaults differ between the summary and series. */
export interface ScopeOptions {
  interval?: MonitoringInterval;
  /** Without `from`: the twelve buckets up to `to` (series, CSV, dashboard) instead of all time. */
  defaultYear?: boolean;
  today?: string;
}

/**
 * The county and period a caller may see: regional staff their own county (another is a 403),
 * whole completed months; admins any county or, without one, the whole country.
 * @throws InvalidInputError (400) for a bad date, period, interval or unknown county;
 *   OutOfScopeError (403).
 */
export async function resolveMonitoringScope(
  db: DataSource,
  user: AuthUser,
  query: MonitoringQuery,
  options: ScopeOptions = {},
): Promise<MonitoringScope> {
  let countyCode: string | null;
  if (user.role === 'admin') {
    countyCode = query.countyCode ?? null;
  } else if (user.role === 'regional' && user.countyCode) {
    if (query.countyCode && query.countyCode !== user.countyCode) {
      throw new OutOfScopeError('county');
    }
    countyCode = user.countyCode;
  } else {
    throw new OutOfScopeError('monitoring');
  }
  const audience = user.role === 'admin' ? 'admin' : 'regional';
  const interval = options.interval ?? 'month';
  const period = resolvePeriod({
    audience,
    interval,
    today: options.today ?? swedishToday(),
    from: query.from,
    to: query.to,
    defaultYear: options.defaultYear ?? false,
  });
  const base = { audience, interval, period } as const;
  if (!countyCode) return { countyCode: null, countyName: NATIONWIDE_SV, ...base };
  const rows: { name: string }[] = await db.query(`SELECT name FROM county WHERE code = $1`, [
    countyCode,
  ]);
  if (rows.length === 0) {
    throw new InvalidInputError([
      { field: 'countyCode', message: `countyCode ${countyCode} is not a known county` },
    ]);
  }
  return { countyCode, countyName: rows[0].name, ...base };
}
