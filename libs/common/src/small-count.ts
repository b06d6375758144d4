/**
 * Small-count protection: a figure built from fewer than this many distinct employers is never
 * shown in anything public or exported, so no single employer's numbers can be read off it.
 */
export const SUPPRESSION_THRESHOLD = 3;
export const SUPPRESSED = '<3';

export type Suppressible = number | typeof SUPPRESSED;

/**
 * The value, or "<3" when it was built from 1 or 2 employers. A figure built from no employer at
 * all (a zero count, or no value) says nothing about anyone and is passed through.
 */
export function protectSmallCount<T extends number | null>(
  employers: number,
  value: T,
): T | typeof SUPPRESSED {
  return employers > 0 && employers < SUPPRESSION_THRESHOLD ? SUPPRESSED : value;
}

export function isSuppressed(value: unknown): value is typeof SUPPRESSED {
  return value === SUPPRESSED;
}
