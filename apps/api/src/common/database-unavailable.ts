// Errors that mean "PostgreSQL cannot be reached right now" (restart, fail-over, network), not a
// fault of the request: answered 503 with Retry-After, so clients retry instead of giving up.

/** Socket errors and PostgreSQL SQLSTATEs: class 08 (connection), 57P01–57P03 (shut down / starting), 53300 (too many connections). */
const UNAVAILABLE_CODES =
  /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|EHOSTUNREACH|ENOTFOUND|08...|57P0[123]|53300)$/;

const UNAVAILABLE_MESSAGES =
  /Connection terminated|terminating connection|the database system is (starting up|shutting down|in recovery mode|not yet accepting connections)|timeout exceeded when trying to connect|Client has encountered a connection error|query runner (was )?already released/i;

/** TypeORM errors raised when the connection under a transaction broke mid-way. */
const UNAVAILABLE_NAMES = new Set([
  'QueryRunnerAlreadyReleasedError',
  'QueryRunnerProviderAlreadyReleasedError',
  'ConnectionIsNotSetError',
]);

interface ErrorLike {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  driverError?: unknown;
}

/**
 * Whether an error says the database is unreachable. Checks shapes rather than `instanceof`:
 * socket errors come from Node's core and TypeORM wraps driver errors.
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 2) return false;
  const e = error as ErrorLike;
  if (typeof e.code === 'string' && UNAVAILABLE_CODES.test(e.code)) return true;
  if (typeof e.name === 'string' && UNAVAILABLE_NAMES.has(e.name)) return true;
  if (typeof e.message === 'string' && UNAVAILABLE_MESSAGES.test(e.message)) return true;
  return isDatabaseUnavailable(e.driverError, depth + 1);
}

/** Seconds a client should wait before retrying after a 503. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;
