import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** How long an answer is replayed; after that the key may be used afresh. */
export const IDEMPOTENCY_TTL_HOURS = 24;
/** An in-flight claim older than this is taken to be abandoned (a crashed request). */
export const IDEMPOTENCY_ABANDONED_SECONDS = 60;

export type IdempotencyClaim =
  | { kind: 'claimed' }
  | { kind: 'replay'; status: number; body: unknown }
  | { kind: 'mismatch' }
  | { kind: 'in-flight' };

/**
 * Stores the first answer to each (scope, key) and replays it. A request first claims its key
 * (a row without a response, created atomically by the unique constraint); the answer is saved
 * when it completes, or the claim released when it failed so a retry runs again.
 */
@Injectable()
export class IdempotencyService {
  private lastPurge = 0;

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Deletes every stored answer older than the TTL (at most once a minute per process). Answers
   * can hold secrets (a need's tracking token), so they are not kept longer than a retry needs.
   */
  async purgeExpired(force = false): Promise<number> {
    if (!force && Date.now() - this.lastPurge < 60_000) return 0;
    this.lastPurge = Date.now();
    const [, affected] = await this.db.query(
      `DELETE FROM idempotency_key WHERE created_at < now() - make_interval(hours => $1)`,
      [IDEMPOTENCY_TTL_HOURS],
    );
    return Number(affected ?? 0);
  }

  async claim(scope: string, key: string, hash: string): Promise<IdempotencyClaim> {
    await this.purgeExpired();
    // Expired answers and abandoned claims make way for a new request.
    await this.db.query(
      `DELETE FROM idempotency_key
        WHERE scope = $1 AND key = $2
          AND (created_at < now() - make_interval(hours => $3)
               OR (response_status IS NULL AND created_at < now() - make_interval(secs => $4)))`,
      [scope, key, IDEMPOTENCY_TTL_HOURS, IDEMPOTENCY_ABANDONED_SECONDS],
    );
    const inserted = await this.db.query(
      `INSERT INTO idempotency_key (scope, key, request_hash) VALUES ($1, $2, $3)
       ON CONFLICT (scope, key) DO NOTHING RETURNING id`,
      [scope, key, hash],
    );
    if (inserted.length) return { kind: 'claimed' };
    const rows: { request_hash: string; response_status: number | null; response_body: unknown }[] =
      await this.db.query(
        `SELECT request_hash, response_status, response_body FROM idempotency_key
          WHERE scope = $1 AND key = $2`,
        [scope, key],
      );
    const row = rows[0];
    if (!row) return this.claim(scope, key, hash); // deleted in between: try again
    if (row.request_hash !== hash) return { kind: 'mismatch' };
    if (row.response_status === null) return { kind: 'in-flight' };
    return { kind: 'replay', status: row.response_status, body: row.response_body };
  }

  async complete(scope: string, key: string, status: number, body: unknown): Promise<void> {
    await this.db.query(
      `UPDATE idempotency_key SET response_status = $3, response_body = $4, completed_at = now()
        WHERE scope = $1 AND key = $2`,
      [scope, key, status, JSON.stringify(body ?? null)],
    );
  }

  async release(scope: string, key: string): Promise<void> {
    await this.db.query(
      `DELETE FROM idempotency_key WHERE scope = $1 AND key = $2 AND response_status IS NULL`,
      [scope, key],
    );
  }
}
