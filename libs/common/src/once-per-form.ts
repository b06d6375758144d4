/** A unique-constraint violation of the named constraint (PostgreSQL 23505, through TypeORM). */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  const driver = (error as { driverError?: { code?: unknown; constraint?: unknown } } | null)
    ?.driverError;
  return driver?.code === '23505' && driver?.constraint === constraint;
}

/**
 * Stores what a form sent once per form token: a resubmission of the same form (a double click,
 * or back and send again) answers with what the first one stored instead of storing it again.
 * The token's column is unique, so of two posts at once only one transaction commits; the other
 * fails on `constraint` and answers with the winner's.
 */
export async function storeOncePerForm<Stored, Earlier>(
  earlier: () => Promise<Earlier | undefined>,
  store: () => Promise<Stored>,
  constraint: string,
): Promise<Stored | Earlier> {
  const first = await earlier();
  if (first) return first;
  try {
    return await store();
  } catch (error) {
    if (!isUniqueViolation(error, constraint)) throw error;
    const winner = await earlier();
    if (!winner) throw error;
    return winner;
  }
}
