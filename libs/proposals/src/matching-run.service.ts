import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError, NotFoundError } from '@km/common';
import { MatchingResult, regionOf } from '@km/matching';
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
 * The lifecycle of a matching run: queued by a broker or an event for a county (or the whole
 * country), executed by the worker over that county's reach region under the advisory locks of
 * its counties, written in one transaction.
 */
@Injectable()
export class MatchingRunService {
  private readonly logger = new Logger(MatchingRunService.name);
  /** The partition last seen: the first guess of a run's region (checked under its locks). */
  private lastRegions: string[][] = [];

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
    const counts = await this.matchScope(job.countyCode, runId);
    // Another attempt of the same job (a stalled lock handed it to a second worker) finished
    // while this one waited for the county locks: its result stands.
    if (!counts) return runId;
    const totals = {
      needs: counts.needs,
      offerings: counts.offerings,
      proposals: counts.proposals,
      unmetClusters: counts.unmetClusters,
      inserted: counts.inserted,
      kept: counts.kept,
      superseded: counts.superseded,
      projectDrafts: counts.projectDrafts,
      counties: counts.counties,
      ...counts.phases,
    };
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

  /**
   * Load, match and write a closed scope: the reach region of the trigger county (every county
   * whose needs can pool with its needs on some start window), or every county in play for a run
   * over the whole country. The scope's counties are locked in code order (advisory locks, so
   * runs of disjoint regions proceed in parallel and overlapping ones take turns without
   * deadlock); the region is then worked out again from what is read under the locks, and when
   * it has grown meanwhile (a new need across the border) the locks are released and the larger
   * scope is taken. Two runs therefore never write proposals on one start window or one need.
   */
  private async matchScope(
    trigger: string | null,
    runId: string,
  ): Promise<
    | (WriteCounts & {
        needs: number;
        offerings: number;
        proposals: number;
        unmetClusters: number;
        counties: number;
        phases: PhaseTimes;
      })
    | null
  > {
    let scope = trigger
      ? union([trigger], regionOf(this.lastRegions, trigger))
      : await this.loader.countiesInPlay();
    for (let attempt = 1; ; attempt++) {
      const runner = this.db.createQueryRunner();
      await runner.connect();
      const locked: string[] = [];
      try {
        for (const county of scope) {
          await runner.query(`SELECT pg_advisory_lock(hashtext($1))`, [lockKey(county)]);
          locked.push(county);
        }
        const [run]: { status: string }[] = await runner.query(
          `SELECT status FROM matching_run WHERE id = $1`,
          [runId],
        );
        if (run?.status === 'completed') return null;
        const phases = new PhaseClock();
        const national = await this.loader.load(null, runner.manager);
        phases.lap('loadMs');
        const regions = await this.engine.regions(national);
        phases.lap('regionsMs');
        this.lastRegions = regions;
        const closed = union(scope, ...scope.map((c) => regionOf(regions, c)));
        if (closed.length > scope.length) {
          if (attempt >= MAX_SCOPE_ATTEMPTS) {
            throw new Error(`reach region of ${trigger ?? 'all'} kept growing; retried`);
          }
          scope = closed;
          continue;
        }
        const inScope = new Set(scope);
        // Only the scope's own previous proposals: another region's open ones must not pull
        // this run's choices (nor cost it time).
        const input = {
          ...national,
          needs: national.needs.filter((n) => inScope.has(n.municipalityCode.slice(0, 2))),
          previousProposals: trigger
            ? await this.loader.previousProposals(runner.manager, scope)
            : national.previousProposals,
        };
        phases.lap('loadMs');
        const result = await this.withoutCancelledCohorts(
          runner.manager,
          await this.engine.run(input),
        );
        phases.lap('engineMs');
        await runner.startTransaction();
        try {
          const counts = await this.writer.write(
            runner.manager,
            scope,
            runId,
            input.needs.map((n) => n.id),
            result,
            countyOfMunicipality(input.municipalities),
          );
          await runner.commitTransaction();
          phases.lap('writeMs');
          this.logger.log(
            `counties ${scope.join(',')}: ${input.needs.length} needs, ${input.offerings.length} offerings → ` +
              `${result.proposals.length} proposals; ${phases}`,
          );
          return {
            ...counts,
            needs: input.needs.length,
            offerings: input.offerings.length,
            proposals: result.proposals.length,
            unmetClusters: result.unmetClusters.length,
            counties: scope.length,
            phases: phases.times,
          };
        } catch (error) {
          await runner.rollbackTransaction();
          throw error;
        }
      } finally {
        for (const county of locked.reverse()) {
          await runner.query(`SELECT pg_advisory_unlock(hashtext($1))`, [lockKey(county)]);
        }
        await runner.release();
      }
    }
  }
}

/** Milliseconds per phase of a run (load, regions, engine incl. transfer to the thread, write). */
type PhaseTimes = Partial<Record<'loadMs' | 'regionsMs' | 'engineMs' | 'writeMs', number>>;

/** Adds the time since the last lap to a phase, so the run's counts show where its time went. */
class PhaseClock {
  readonly times: PhaseTimes = {};
  private last = Date.now();

  lap(phase: keyof PhaseTimes): void {
    const now = Date.now();
    this.times[phase] = (this.times[phase] ?? 0) + now - this.last;
    this.last = now;
  }

  toString(): string {
    return Object.entries(this.times)
      .map(([phase, ms]) => `${phase.replace('Ms', '')} ${ms} ms`)
      .join(', ');
  }
}

/** A run retries a growing region this often before it fails (and BullMQ retries the job). */
const MAX_SCOPE_ATTEMPTS = 5;

/** Sorted union of county lists: the order in which locks are taken. */
function union(...lists: readonly (readonly string[])[]): string[] {
  return [...new Set(lists.flat())].sort();
}

function countyOfMunicipality(
  municipalities: readonly { code: string; countyCode: string }[],
): (code: string) => string {
  const map = new Map(municipalities.map((m) => [m.code, m.countyCode]));
  return (code) => map.get(code) ?? code.slice(0, 2);
}
