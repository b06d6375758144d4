/** ISO calendar dates as whole day numbers (days since 1970-01-01, UTC), so date rules are integer maths. */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})/;
// Runs see few distinct dates but parse them millions of times; caching is pure and bounded in practice.
const toDayCache = new Map<string, number>();
const fromDayCache = new Map<number, string>();

export function toDayNumber(iso: string): number {
  const cached = toDayCache.get(iso);
  if (cached !== undefined) return cached;
  const m = ISO_DATE.exec(iso);
  if (!m) throw new Error(`Ogiltigt datum: ${iso}`);
  const day = Math.round(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 86_400_000);
  if (toDayCache.size < 100_000) toDayCache.set(iso, day);
  return day;
}

export function fromDayNumber(day: number): string {
  const cached = fromDayCache.get(day);
  if (cached !== undefined) return cached;
  const iso = new Date(day * 86_400_000).toISOString().slice(0, 10);
  if (fromDayCache.size < 100_000) fromDayCache.set(day, iso);
  return iso;
}
