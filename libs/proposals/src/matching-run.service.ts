import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError, NotFoundError } from '@km/common';
import { MatchingResult } from '@km/matching';
import { JobName, MatchingTrigger, QueueRegistry } from '@km/queue';
import { MatchingEnginePool } from './engine/matching-engine.pool';
import { MatchingScopeLoader } from './matching-scope.loader';
import { ProposalWriter, WriteCounts } from './proposal.writer';

export type MatchingRunStatus = 'queued' | 'running' | 'completed' | 'failed';

export interface MatchingRunView {
  id: string;
  countyCode: string | null;
  trigger: MatchingTrigger;
  status: MatchingRunStatus;
  progress: number;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  counts: {
    needs: number;
    offerings: number;
    proposals: number;
    unmetClusters: number;
    [key: string]: number;
  };
  error: string | null;
}

export const MATCHING_JOB_OPTIONS = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: 24 * 3600, count: 1000 },
  removeOnFail: { age: 7 * 24 * 3600 },
} as const;

/** Serialises runs per county across every worker process. */
const lockKey = (countyCode: string) => `matching:${countyCode}`;

/**
 * The lifecycle of a matching run: queued by a broker or an event, executed by the worker over
 * one county at a time under an advisory lock, written in one transaction per county.
 */
@Injectable()
export class MatchingRunService {
  private readonly logger = new Logger(MatchingRunService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly loader: MatchingScopeLoader,
    private readonly writer: ProposalWriter,
    private readonly queues: QueueRegistry,
    private readonly engine: MatchingEnginePool,
  ) {}

  /**
   * Creates a queued run and its job, or answers the county's manual run still waiting in the
   * queue. The job id derives from the run id, so a retry adds nothing.
   */
  async request(countyCode: string | null, requestedBy: string | null): Promise<string> {
    if (countyCode) {
      const county = await this.db.query(`SELECT 1 FROM county WHERE code = $1`, [countyCode]);
      if (county.length === 0) {
        throw new DomainError(
          'validation',
          'unknown-county',
          `County ${countyCode} does not exist`,
          [{ field: 'countyCode', message: `unknown county code ${countyCode}` }],
        );
      }
    }
    const id = randomUUID();
    const queued = await this.db.transaction(async (tx) => {
      // One manual run per county waits at a time: a second request while it is still queued
      // gets that run (it will see the same data), so repeated clicks cannot pile up full runs.
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [
        `matching-request:${countyCode ?? 'all'}`,
      ]);
      const [waiting]: { id: string }[] = await tx.query(
        `SELECT id FROM matching_run
          WHERE status = 'queued' AND trigger = 'manual' AND county_code IS NOT DISTINCT FROM $1
          ORDER BY created_at LIMIT 1`,
        [countyCode],
      );
      if (waiting) return waiting.id;
      await tx.query(
        `INSERT INTO matching_run (id, job_id, county_code, trigger, requested_by) VALUES ($1, $2, $3, 'manual', $4)`,
        [id, `run-${id}`, countyCode, requestedBy],
      );
      return null;
    });
    if (queued) return queued;
    try {
      await this.queues.add(
        JobName.MatchingRun,
        { runId: id, countyCode, trigger: 'manual' },
        { ...MATCHING_JOB_OPTIONS, jobId: `run-${id}` },
      );
    } catch (error) {
      await this.markFailed(id, `run-${id}`, error as Error);
      throw new DomainError(
        'unavailable',
        'queue-unavailable',
        'The job queue is unavailable; please retry.',
      );
    }
    return id;
  }

  async get(runId: string): Promise<MatchingRunView> {
    const rows = await this.db.query(
      `SELECT id, county_code AS "countyCode", trigger, status, progress, created_at AS "createdAt",
              started_at AS "startedAt", finished_at AS "finishedAt", counts, error
         FROM matching_run WHERE id = $1`,
      [runId],
    );
    if (rows.length === 0) throw new NotFoundError('Matching run', runId);
    const row = rows[0];
    return {
      ...row,
      countyCode: row.countyCode?.trim() ?? null,
      progress: Number(row.progress),
      counts: { needs: 0, offerings: 0, proposals: 0, unmetClusters: 0, ...row.counts },
    };
  }

  /**
   * Executes a run for a job. Returns early when the run already completed (a replayed job);
   * the run row of an event or nightly run is created here, keyed by the job id.
   */
  async execute(job: {
    id: string;
    countyCode: string | null;
    runId: string | null;
    trigger: MatchingTrigger;
  }): Promise<string> {
    const runId = job.runId ?? (await this.runForJob(job.id, job.countyCode, job.trigger));
    const [run] = await this.db.query(`SELECT status FROM matching_run WHERE id = $1`, [runId]);
    if (!run) throw new NotFoundError('Matching run', runId);
    if (run.status === 'completed') return runId;
    await this.db.query(
      `UPDATE matching_run SET status = 'running', started_at = coalesce(started_at, now()), attempts = attempts + 1, error = NULL
        WHERE id = $1`,
      [runId],
    );
    const counties = job.countyCode ? [job.countyCode] : await this.loader.countiesWithOpenNeeds();
    const totals = {
      needs: 0,
      offerings: 0,
      proposals: 0,
      unmetClusters: 0,
      inserted: 0,
      kept: 0,
      superseded: 0,
      projectDrafts: 0,
    };
    for (const [index, countyCode] of counties.entries()) {
      const counts = await this.matchCounty(countyCode, runId);
      totals.needs += counts.needs;
      totals.offerings = Math.max(totals.offerings, counts.offerings);
      totals.proposals += counts.proposals;
      totals.unmetClusters += counts.unmetClusters;
      totals.inserted += counts.inserted;
      totals.kept += counts.kept;
      totals.superseded += counts.superseded;
      totals.projectDrafts += counts.projectDrafts;
      await this.db.query(`UPDATE matching_run SET progress = $2 WHERE id = $1`, [
        runId,
        (index + 1) / counties.length,
      ]);
    }
    await this.db.query(
      `UPDATE matching_run SET status = 'completed', progress = 1, finished_at = now(), counts = $2 WHERE id = $1`,
      [runId, JSON.stringify(totals)],
    );
    return runId;
  }

  /** Records the final failure of a run so brokers see it with its error. */
  async markFailed(runId: string | null, jobId: string, error: Error): Promise<void> {
    await this.db.query(
      `UPDATE matching_run SET status = 'failed', finished_at = now(), error = $3
        WHERE (id = $1::uuid OR job_id = $2) AND status <> 'completed'`,
      [runId, jobId, error.message.slice(0, 1000)],
    );
  }

  private async runForJob(
    jobId: string,
    countyCode: string | null,
    trigger: MatchingTrigger,
  ): Promise<string> {
    const [row] = await this.db.query(
      `INSERT INTO matching_run (job_id, county_code, trigger) VALUES ($1, $2, $3)
       ON CONFLICT (job_id) DO UPDATE SET job_id = EXCLUDED.job_id RETURNING id`,
      [jobId, countyCode, trigger],
    );
    return row.id;
  }

  /**
   * A cohort whose initiative a broker cancelled is not proposed again unchanged until a broker
   * reopens it; its needs stay free for other cohorts in later runs.
   */
  private async withoutCancelledCohorts(
    manager: EntityManager,
    result: MatchingResult,
  ): Promise<MatchingResult> {
    const ids = result.proposals.map((p) => p.id);
    if (ids.length === 0) return result;
    const blocked: { id: string }[] = await manager.query(
      `SELECT id FROM proposal WHERE id = ANY ($1) AND blocked_since_cancel`,
      [ids],
    );
    if (blocked.length === 0) return result;
    const skip = new Set(blocked.map((b) => b.id));
    return { ...result, proposals: result.proposals.filter((p) => !skip.has(p.id)) };
  }

  /** Load, match and write one county while holding its advisory lock. */
  private async matchCounty(
    countyCode: string,
    runId: string,
  ): Promise<
    WriteCounts & { needs: number; offerings: number; proposals: number; unmetClusters: number }
  > {
    const runner = this.db.createQueryRunner();
    await runner.connect();
    try {
      await runner.query(`SELECT pg_advisory_lock(hashtext($1))`, [lockKey(countyCode)]);
      try {
        const input = await this.loader.load(countyCode, runner.manager);
        const started = Date.now();
        const result = await this.withoutCancelledCohorts(
          runner.manager,
          await this.engine.run(input),
        );
        this.logger.log(
          `county ${countyCode}: ${input.needs.length} needs, ${input.offerings.length} offerings → ` +
            `${result.proposals.length} proposals in ${Date.now() - started} ms`,
        );
        await runner.startTransaction();
        try {
          const counts = await this.writer.write(
            runner.manager,
            countyCode,
            runId,
            input.needs.map((n) => n.id),
            result,
          );
          await runner.commitTransaction();
          return {
            ...counts,
            needs: input.needs.length,
            offerings: input.offerings.length,
            proposals: result.proposals.length,
            unmetClusters: result.unmetClusters.length,
          };
        } catch (error) {
          await runner.rollbackTransaction();
          throw error;
        }
      } finally {
        await runner.query(`SELECT pg_advisory_unlock(hashtext($1))`, [lockKey(countyCode)]);
      }
    } finally {
      await runner.release();
    }
  }
}
