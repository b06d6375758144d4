import { randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError, NotFoundError } from '@km/common';
import { RunPartition, regionOf } from '@km/matching';
import { JobName, MatchingTrigger, QueueName, QueueRegistry } from '@km/queue';
import { MatchingEnginePool } from './engine/matching-engine.pool';
import { MatchingScopeLoader } from './matching-scope.loader';
import { ProposalWriter, WriteCounts } from './proposal.writer';
import { PartitionFailedError } from './partition-failed.error';
import { withoutBlockedCohorts } from './proposal-lifecycle';

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
            AND parent_run_id IS NULL
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
    const counts = job.countyCode
      ? await this.matchScope(job.countyCode, runId)
      : await this.matchNationwide(runId);
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
      ...(counts.partitions === undefined ? {} : { partitions: counts.partitions }),
      ...counts.phases,
    };
    await this.db.query(
      `UPDATE matching_run SET status = 'completed', progress = 1, finished_at = now(), counts = $2 WHERE id = $1`,
      [runId, JSON.stringify(totals)],
    );
    return runId;
  }

  /**
   * Executes one partition of a nationwide run (a child run). Its parent holds the county locks
   * for it; a partition whose parent attempt is no longer the one holding them (the parent
   * failed or was taken over) ends without writing.
   */
  async executePartition(runId: string): Promise<string> {
    const [child]: PartitionRow[] = await this.db.query(
      `SELECT status, parent_run_id AS "parentRunId", parent_attempt AS "parentAttempt", partition
         FROM matching_run WHERE id = $1 AND parent_run_id IS NOT NULL`,
      [runId],
    );
    if (!child) throw new NotFoundError('Matching run', runId);
    if (child.status === 'completed' || child.status === 'failed') return runId;
    if (!(await this.parentHoldsLocks(this.db.manager, child))) {
      await this.endOrphan(runId);
      return runId;
    }
    await this.db.query(
      `UPDATE matching_run SET status = 'running', started_at = coalesce(started_at, now()), attempts = attempts + 1, error = NULL
        WHERE id = $1`,
      [runId],
    );
    const phases = new PhaseClock();
    const { needIds, offeringIds, edges } = child.partition;
    const loaded = await this.loader.loadPartition(needIds, offeringIds);
    const input = { ...loaded, parameters: { ...loaded.parameters, wholeRunEdges: edges } };
    phases.lap('loadMs');
    const result = await withoutBlockedCohorts(this.db.manager, await this.engine.run(input));
    phases.lap('engineMs');
    const runner = this.db.createQueryRunner();
    await runner.connect();
    let counts: WriteCounts;
    try {
      await runner.startTransaction();
      if (!(await this.parentHoldsLocks(runner.manager, child))) {
        await runner.rollbackTransaction();
        await this.endOrphan(runId);
        return runId;
      }
      counts = await this.writer.write(
        runner.manager,
        [],
        runId,
        input.needs.map((n) => n.id),
        result,
        countyOfMunicipality(input.municipalities),
        { partitionNeedIds: needIds },
      );
      await runner.commitTransaction();
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      throw error;
    } finally {
      await runner.release();
    }
    phases.lap('writeMs');
    const totals = {
      needs: input.needs.length,
      offerings: input.offerings.length,
      proposals: result.proposals.length,
      unmetClusters: result.unmetClusters,
      inserted: counts.inserted,
      kept: counts.kept,
      superseded: counts.superseded,
      projectDrafts: counts.projectDrafts,
      ...phases.times,
    };
    this.logger.log(
      `partition ${runId} of ${child.parentRunId}: ${input.needs.length} needs, ` +
        `${input.offerings.length} offerings → ${result.proposals.length} proposals; ${phases}`,
    );
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

  /** Whether the parent attempt a partition belongs to still runs and holds the county locks. */
  private async parentHoldsLocks(
    manager: EntityManager,
    child: { parentRunId: string; parentAttempt: number },
  ): Promise<boolean> {
    const [row]: { held: boolean }[] = await manager.query(
      `SELECT EXISTS (SELECT 1 FROM matching_run r
                        JOIN pg_locks l ON l.pid = r.lock_pid AND l.locktype = 'advisory' AND l.granted
                       WHERE r.id = $1 AND r.status = 'running' AND r.attempts = $2) AS held`,
      [child.parentRunId, child.parentAttempt],
    );
    return row.held;
  }

  private async endOrphan(runId: string): Promise<void> {
    await this.db.query(
      `UPDATE matching_run SET status = 'failed', finished_at = now(),
              error = 'the nationwide run this partition belongs to ended first' WHERE id = $1`,
      [runId],
    );
  }

  /**
   * A run over the whole country, as a parent of partition runs: under the locks of every county
   * (held by this job until its partitions are done, so no county run writes in between), the
   * open needs are split by competence area (`runPartitions`), each partition is queued as a
   * child run that any matcher process may take, and the parent follows them: its progress is
   * the share done, a failed partition fails it with that error. Then, once, it supersedes the
   * open proposals no partition holds a need of and recomputes the counties' ESF drafts.
   */
  private async matchNationwide(runId: string): Promise<ScopeCounts | null> {
    const counties = await this.loader.countiesInPlay();
    const runner = this.db.createQueryRunner();
    await runner.connect();
    const locked: string[] = [];
    try {
      // Every county, not only those in play: a need submitted meanwhile in another county
      // must wait for this run too.
      const all: { code: string }[] = await runner.query(`SELECT code FROM county ORDER BY code`);
      for (const { code } of all) {
        await runner.query(`SELECT pg_advisory_lock(hashtext($1))`, [lockKey(code.trim())]);
        locked.push(code.trim());
      }
      const [run]: { status: string; attempts: number; trigger: MatchingTrigger }[] =
        await runner.query(`SELECT status, attempts, trigger FROM matching_run WHERE id = $1`, [
          runId,
        ]);
      if (run?.status === 'completed') return null;
      await runner.query(
        `UPDATE matching_run SET lock_pid = pg_backend_pid(), progress = 0 WHERE id = $1`,
        [runId],
      );
      const phases = new PhaseClock();
      const universe = await this.loader.loadForPartitioning(runner.manager);
      phases.lap('loadMs');
      const threads = await this.partitionThreads();
      const { edges, parts } = await this.engine.partitions(
        universe,
        threads > 0 ? Math.min(threads, MAX_PARTITIONS) : 1,
      );
      phases.lap('partitionMs');
      const childIds = await this.startPartitions(
        runId,
        run.attempts,
        run.trigger,
        edges,
        parts,
        threads > 0,
      );
      // No matcher takes partitions (the demo seed, a run called in-process): this job runs
      // them itself, one after the other, rather than wait for a worker that never comes.
      if (threads === 0) for (const id of childIds) await this.executePartition(id);
      const children = await this.awaitPartitions(runId, run.attempts, parts.length);
      phases.lap('partitionsMs');

      await runner.startTransaction();
      let swept: number;
      let projectDrafts: number;
      try {
        // The partitions recomputed the drafts of what they changed (a partition holds whole
        // competence areas, so whole themes); the sweep recomputes those of what it supersedes.
        ({ superseded: swept, projectDrafts } = await this.writer.supersedeOutside(
          runner.manager,
          parts.flatMap((p) => p.needIds),
          runId,
        ));
        await runner.commitTransaction();
      } catch (error) {
        await runner.rollbackTransaction();
        throw error;
      }
      phases.lap('finalMs');
      const sum = (key: string) => children.reduce((total, c) => total + (c.counts[key] ?? 0), 0);
      this.logger.log(
        `nationwide run ${runId}: ${parts.length} partitions, ${sum('needs')} needs → ` +
          `${sum('proposals')} proposals; ${phases}`,
      );
      return {
        needs: sum('needs'),
        offerings: sum('offerings'),
        proposals: sum('proposals'),
        unmetClusters: sum('unmetClusters'),
        inserted: sum('inserted'),
        kept: sum('kept'),
        superseded: sum('superseded') + swept,
        needsProposed: 0,
        needsUnmet: 0,
        projectDrafts: projectDrafts + sum('projectDrafts'),
        counties: counties.length,
        partitions: parts.length,
        // The partitions' phases overlap in time: their sums say where the work went, the
        // parent's own (split, the partitions' wall time, final) where the wall time went.
        phases: {
          loadMs: (phases.times.loadMs ?? 0) + sum('loadMs'),
          engineMs: sum('engineMs'),
          writeMs: (phases.times.finalMs ?? 0) + sum('writeMs'),
          splitLoadMs: phases.times.loadMs,
          partitionMs: phases.times.partitionMs,
          partitionsMs: phases.times.partitionsMs,
          finalMs: phases.times.finalMs,
        },
      };
    } finally {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      for (const county of locked.reverse()) {
        await runner.query(`SELECT pg_advisory_unlock(hashtext($1))`, [lockKey(county)]);
      }
      await runner.release();
    }
  }

  /**
   * The engine threads that take partitions now: each matcher process connected to the
   * partitions queue takes as many partitions at once as it has engine threads, so every thread
   * gets one and none pays the fixed costs of a second. Matchers on one host share its cores:
   * more threads than cores there only slowed every partition down (two matchers with two
   * threads each on two cores took longer than one matcher), so a host counts at most its cores
   * (this host's count: matchers are assumed to run on alike machines).
   */
  private async partitionThreads(): Promise<number> {
    const workers: { rawname?: string }[] = await this.queues
      .queue(QueueName.MatchingPartitions)
      .getWorkers()
      .catch(() => []);
    return threadsByHost(
      workers.map((w) => w.rawname ?? ''),
      this.engine.threads,
      availableParallelism(),
    );
  }

  /**
   * The child runs of a parent attempt, each with its partition, and (when matchers take them)
   * their jobs. Ids come from the database's default, so a seeded demo history gets the same
   * ids on every database.
   */
  private async startPartitions(
    parentRunId: string,
    attempt: number,
    trigger: MatchingTrigger,
    edges: number,
    parts: RunPartition[],
    queue: boolean,
  ): Promise<string[]> {
    const children = parts.map((part, k) => ({
      job_id: `part-${parentRunId}-${attempt}-${k}`,
      partition: { ...part, edges },
    }));
    await this.db.query(
      `INSERT INTO matching_run (job_id, trigger, parent_run_id, parent_attempt, partition)
       SELECT c.job_id, $2, $3, $4, c.partition
         FROM jsonb_to_recordset($1::jsonb) AS c(job_id text, partition jsonb)
        ORDER BY c.job_id
       ON CONFLICT (job_id) DO NOTHING`,
      [JSON.stringify(children), trigger, parentRunId, attempt],
    );
    const rows: { id: string; jobId: string }[] = await this.db.query(
      `SELECT id, job_id AS "jobId" FROM matching_run WHERE job_id = ANY ($1)`,
      [children.map((c) => c.job_id)],
    );
    const idOf = new Map(rows.map((r) => [r.jobId, r.id]));
    const ids = children.map((c) => idOf.get(c.job_id)!);
    if (queue) {
      await this.queues.addBulk(
        JobName.MatchingPartition,
        children.map((c, k) => ({
          data: { runId: ids[k] },
          opts: { ...MATCHING_JOB_OPTIONS, jobId: c.job_id },
        })),
      );
    }
    return ids;
  }

  /** Follows a parent attempt's partitions until all completed; one failed fails the parent. */
  private async awaitPartitions(
    parentRunId: string,
    attempt: number,
    total: number,
  ): Promise<{ counts: Record<string, number> }[]> {
    let reported = -1;
    for (;;) {
      const rows: { status: string; error: string | null; counts: Record<string, number> }[] =
        await this.db.query(
          `SELECT status, error, counts FROM matching_run
            WHERE parent_run_id = $1 AND parent_attempt = $2`,
          [parentRunId, attempt],
        );
      const failed = rows.find((r) => r.status === 'failed');
      if (failed) throw new PartitionFailedError(failed.error ?? 'a partition failed');
      const done = rows.filter((r) => r.status === 'completed').length;
      if (done !== reported) {
        reported = done;
        // The last step (sweep and drafts) is still to come when every partition is done.
        await this.db.query(`UPDATE matching_run SET progress = $2 WHERE id = $1`, [
          parentRunId,
          (0.95 * done) / Math.max(1, total),
        ]);
      }
      if (done >= total) return rows;
      await new Promise((resolve) => setTimeout(resolve, PARTITION_POLL_MS));
    }
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
  private async matchScope(trigger: string, runId: string): Promise<ScopeCounts | null> {
    let scope = union([trigger], regionOf(this.lastRegions, trigger));
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
            throw new Error(`reach region of ${trigger} kept growing; retried`);
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
          previousProposals: await this.loader.previousProposals(runner.manager, scope),
        };
        phases.lap('loadMs');
        const result = await withoutBlockedCohorts(runner.manager, await this.engine.run(input));
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
            unmetClusters: result.unmetClusters,
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

/**
 * Milliseconds per phase of a run: load, regions (or partitions), engine incl. the transfer to
 * its thread, write; and, for a nationwide run, the wall time its partitions took.
 */
type PhaseTimes = Partial<
  Record<
    | 'loadMs'
    | 'regionsMs'
    | 'partitionMs'
    | 'engineMs'
    | 'writeMs'
    | 'splitLoadMs'
    | 'partitionsMs'
    | 'finalMs',
    number
  >
>;

type ScopeCounts = WriteCounts & {
  needs: number;
  offerings: number;
  proposals: number;
  unmetClusters: number;
  counties: number;
  partitions?: number;
  phases: PhaseTimes;
};

interface PartitionRow {
  status: MatchingRunStatus;
  parentRunId: string;
  parentAttempt: number;
  partition: RunPartition & { edges: number };
}

/**
 * Engine threads available to partitions, from the BullMQ client names of the workers
 * (`…:w:<host>:<pid>:<id>`, see workerOptions): per host, its workers' threads up to its cores.
 */
export function threadsByHost(
  clientNames: readonly string[],
  threadsPerWorker: number,
  coresPerHost: number,
): number {
  const workersOnHost = new Map<string, Set<string>>();
  for (const [i, raw] of clientNames.entries()) {
    // An unnamed worker (not ours) counts as a host of its own.
    const worker = raw.includes(':w:') ? raw.slice(raw.indexOf(':w:') + 3) : `unnamed ${i}`;
    const host = worker.split(':')[0];
    workersOnHost.set(host, (workersOnHost.get(host) ?? new Set()).add(worker));
  }
  let threads = 0;
  for (const workers of workersOnHost.values())
    threads += Math.min(workers.size * threadsPerWorker, Math.max(1, coresPerHost));
  return threads;
}

/** A nationwide run is split into at most this many partitions (their fixed costs add up). */
const MAX_PARTITIONS = 8;

/** How often a parent looks at its partitions. */
const PARTITION_POLL_MS = 200;

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
