/** ISO calendar dates as whole day numbers (days since 1970-01-01, UTC), so date rules are integer maths. */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})/;

export function toDayNumber(iso: string): number {
  const m = ISO_DATE.exec(iso);
  if (!m) throw new Error(`Ogiltigt datum: ${iso}`);
  return Math.round(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 86_400_000);
}

export function fromDayNumber(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}
