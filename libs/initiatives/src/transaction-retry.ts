import { QueryFailedError } from 'typeorm';

/** deadlock_detected, serialization_failure: the transaction may simply be run again. */
const RETRYABLE = new Set(['40P01', '40001']);

export function isRetryableTransactionError(error: unknown): boolean {
  const code =
    (error as { code?: string } | null)?.code ??
    (error instanceof QueryFailedError
      ? (error.driverError as { code?: string } | undefined)?.code
      : undefined);
  return code !== undefined && RETRYABLE.has(code);
}

/** Runs `work` (a whole transaction) again on deadlock or serialization failure, with jitter. */
export async function withTransactionRetry<T>(work: () => Promise<T>, attempts = 6): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= attempts || !isRetryableTransactionError(error)) throw error;
      const delay = Math.round(10 * 2 ** attempt * (0.5 + Math.random()));
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
