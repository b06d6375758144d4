import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, QueryRunner } from 'typeorm';
import { returnedRows, swedishToday } from '@km/common';
import { runMatching } from '@km/matching';
import { MatchingEnginePool, outcomeOf } from './engine/matching-engine.pool';
import { LocalScope, NeedRematchOutcome, NeedScopeFinder, windowKey } from './need-scope.finder';
import { withoutBlockedCohorts } from './proposal-lifecycle';
import { ProposalWriter, homeCounty } from './proposal.writer';

/** The same locks as full runs (MatchingRunService), so the two never write one window at once. */
const lockKey = (countyCode: string) => `matching:${countyCode}`;

/** Scopes with at most this many need × window pairs run on the event loop. */
const INLINE_MAX_PAIRS = 2000;

/** A scope that keeps growing while its locks are taken is left to the full run. */
const MAX_LOCK_ROUNDS = 5;

/**
 * The incremental rematch of one new need: instead of its whole reach region, only the start
 * windows the need fits, with the needs in open proposals on them and the free needs that fit
 * them (NeedScopeFinder). The engine runs on that scope with those windows' previous proposals
 * (ties lean toward them), and only what changed on those windows is written: unchanged
 * proposals keep their ids and rows, proposals on every other window are not touched.
 *
 * When the need fits no start window, or the engine leaves it out here (a new course or a wider
 * rearrangement may still serve it), the caller queues the full run of its region instead.
 */
@Injectable()
export class NeedRematchService {
  private readonly logger = new Logger(NeedRematchService.name);
  /**
   * Every county a rematch of a need of each county has had to lock: the first guess of the
   * next one. The last rematch's counties alone were often too few (the next need fits remote
   * courses with needs elsewhere), and a second round reads the whole scope again.
   */
  private readonly seenCounties = new Map<string, Set<string>>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scopes: NeedScopeFinder,
    private readonly writer: ProposalWriter,
    private readonly engine: MatchingEnginePool,
  ) {}

  /**
   * `countyCode` (the event's) is the need's county; the counties locked for its last need are
   * the first guess, checked under the locks and widened when the scope reaches further.
   */
  async rematch(
    needId: string,
    options: { countyCode?: string | null; today?: string } = {},
  ): Promise<NeedRematchOutcome> {
    const received = Date.now();
    const today = options.today ?? swedishToday();
    const county = options.countyCode ?? (await this.countyOfNeed(needId));
    if (!county) return { placed: false, reason: 'not-open' };
    let counties = [...(this.seenCounties.get(county) ?? [county])].sort();
    for (let round = 1; round <= MAX_LOCK_ROUNDS; round++) {
      const runner = this.db.createQueryRunner();
      await runner.connect();
      const locked: string[] = [];
      const locking = Date.now();
      try {
        for (const county of counties) {
          await runner.query(`SELECT pg_advisory_lock(hashtext($1))`, [lockKey(county)]);
          locked.push(county);
        }
        const scopeStarted = Date.now();
        const scope = await this.scopes.find(this.db.manager, needId, today);
        if (!('input' in scope)) return scope;
        if (scope.counties.some((c) => !locked.includes(c))) {
          counties = [...new Set([...counties, ...scope.counties])].sort();
          continue;
        }
        this.seenCounties.set(
          county,
          new Set([...(this.seenCounties.get(county) ?? []), ...scope.counties]),
        );
        return await this.matchAndWrite(runner, needId, scope, {
          received,
          rounds: round,
          lockMs: scopeStarted - locking,
          scopeMs: Date.now() - scopeStarted,
        });
      } finally {
        for (const county of locked.reverse())
          await runner.query(`SELECT pg_advisory_unlock(hashtext($1))`, [lockKey(county)]);
        await runner.release();
      }
    }
    this.logger.warn(`need ${needId}: local scope kept growing; left to the full run`);
    return { placed: false, reason: 'not-placed' };
  }

  private async countyOfNeed(needId: string): Promise<string | null> {
    const [row]: { county_code: string }[] = await this.db.query(
      `SELECT county_code FROM need WHERE id = $1`,
      [needId],
    );
    return row?.county_code.trim() ?? null;
  }

  private async matchAndWrite(
    runner: QueryRunner,
    needId: string,
    scope: LocalScope,
    timing: { received: number; rounds: number; lockMs: number; scopeMs: number },
  ): Promise<NeedRematchOutcome> {
    const manager = runner.manager;
    const started = Date.now();
    // A handful of needs and windows is milliseconds of work: a worker thread would cost more.
    const engine =
      scope.input.needs.length * scope.windows.size <= INLINE_MAX_PAIRS
        ? outcomeOf(runMatching(scope.input))
        : await this.engine.run(scope.input);
    // Only proposals on the scope's windows: its needs may fit windows outside it, and clusters
    // for new courses need every free need of the region (the full run finds them).
    const proposals = engine.proposals.filter(
      (p) => p.offeringId && scope.windows.has(windowKey(p.offeringId, p.startWindow?.to ?? '')),
    );
    const result = await withoutBlockedCohorts(manager, { ...engine, proposals });
    const engineMs = Date.now() - started;
    const own = result.proposals.find((p) => p.needs.some((n) => n.needId === needId));
    if (!own) return { placed: false, reason: 'not-placed' };

    await runner.startTransaction();
    try {
      const [run]: { id: string }[] = await manager.query(
        `INSERT INTO matching_run (county_code, trigger, status, started_at, attempts)
         VALUES ($1, 'event', 'running', now(), 1) RETURNING id`,
        [scope.needCounty],
      );
      const counts = await this.writer.write(
        manager,
        [],
        run.id,
        scope.rematchedNeedIds,
        result,
        scope.countyOf,
      );
      const ids = result.proposals.map((p) => p.id);
      const superseded = returnedRows<{ id: string; county_code: string; theme: string }>(
        await manager.query(
          `UPDATE proposal SET status = 'superseded', updated_at = now()
            WHERE status = 'open' AND id = ANY ($1) AND NOT (id = ANY ($2))
            RETURNING id, county_code, theme`,
          [scope.openProposalIds, ids],
        ),
      );
      // Only the drafts (county × theme) whose proposals changed are recomputed.
      const known = new Set(scope.openProposalIds);
      const projectDrafts = await this.writer.recomputeDraftsOf(
        manager,
        [
          ...superseded,
          ...result.proposals
            .filter((p) => !known.has(p.id))
            .map((p) => ({ county_code: homeCounty(p, scope.countyOf), theme: p.theme })),
        ],
        run.id,
      );
      const totals = {
        needs: scope.input.needs.length,
        offerings: scope.input.offerings.length,
        proposals: result.proposals.length,
        unmetClusters: 0,
        inserted: counts.inserted,
        kept: counts.kept,
        superseded: superseded.length,
        projectDrafts,
        counties: scope.counties.length,
        windows: scope.windows.size,
        // From the need's commit to this rematch taking it up (relay, queue), and then the parts.
        pickedUpMs:
          timing.received - Date.parse(scope.input.needs.find((n) => n.id === needId)!.submittedAt),
        rounds: timing.rounds,
        // From taking the need up to this write (every round of locking and reading included).
        totalMs: Date.now() - timing.received,
        lockMs: timing.lockMs,
        scopeMs: timing.scopeMs,
        engineMs,
        writeMs: Date.now() - started - engineMs,
      };
      await manager.query(
        `UPDATE matching_run SET status = 'completed', progress = 1, finished_at = now(), counts = $2
          WHERE id = $1`,
        [run.id, JSON.stringify({ ...totals, localNeedId: needId })],
      );
      await runner.commitTransaction();
      return {
        placed: true,
        proposalId: own.id,
        runId: run.id,
        inserted: counts.inserted,
        superseded: superseded.length,
        windows: scope.windows.size,
        needs: scope.input.needs.length,
      };
    } catch (error) {
      await runner.rollbackTransaction();
      throw error;
    }
  }
}
