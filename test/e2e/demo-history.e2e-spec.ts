import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { seedDemoAccounts } from '@km/auth';
import { dataSourceOptions } from '@km/database';
import {
  DemoHistoryModule,
  DemoHistoryResult,
  DemoHistorySeeder,
  UNOFFERED_COMPETENCES,
} from '@km/demo';
import { OPEN_NEED_STATUSES } from '@km/proposals';
import { createTestDatabase, testRedisPrefix } from '../support/test-database';

const TODAY = '2026-11-15';
const SEED = 7;

/**
 * What the history wrote, without what a database draws at random (uuids, tracking tokens,
 * password hashes).
 */
async function fingerprint(db: DataSource): Promise<Record<string, unknown[]>> {
  const q = (sql: string) => db.query(sql);
  return {
    ...(await arrivals(db)),
    needStatuses: await q(
      `SELECT reference, status, updated_at, withdrawn_at FROM need ORDER BY 1`,
    ),
    proposals: await q(
      `SELECT p.kind, p.status, p.created_at, p.decided_at, p.decision_note,
              (SELECT array_agg(n.reference ORDER BY n.reference) FROM proposal_need pn
                 JOIN need n ON n.id = pn.need_id WHERE pn.proposal_id = p.id) AS needs
         FROM proposal p ORDER BY 6, 1, 2, 3`,
    ),
    initiatives: await q(
      `SELECT i.status, i.start_date::text, i.participants_total, i.completed_women,
              i.completed_men, i.cancel_reason, i.created_at, i.status_changed_at,
              (SELECT array_agg(n.reference ORDER BY n.reference) FROM initiative_need x
                 JOIN need n ON n.id = x.need_id WHERE x.initiative_id = i.id) AS needs
         FROM initiative i ORDER BY 9, 7`,
    ),
    esf: await q(
      `SELECT county_code, approved_at, cardinality(employer_ids) AS employers
         FROM project_draft_snapshot ORDER BY approved_at`,
    ),
    runs: await q(`SELECT status, count(*)::int FROM matching_run GROUP BY 1 ORDER BY 1`),
  };
}

/**
 * What arrived during the history: needs with their employers, days and contents, and the
 * providers' offerings. The matcher's choices after that may differ between two databases: the
 * engine breaks ties by id, and PostgreSQL draws the ids (see README, "Demo data").
 */
async function arrivals(db: DataSource): Promise<Record<string, unknown[]>> {
  const q = (sql: string) => db.query(sql);
  return {
    needs: await q(
      `SELECT n.reference, n.title, n.municipality_code, n.participants_total,
              n.participants_women, n.earliest_start::text, n.latest_end::text, n.created_at,
              n.delivery_modes, n.max_travel_km, e.org_number, e.name, e.created_at AS employer_at
         FROM need n JOIN employer e ON e.id = n.employer_id ORDER BY n.reference`,
    ),
    offerings: await q(
      `SELECT o.learning_centre_id, o.title, o.venue_municipality_code, o.min_participants,
              o.max_participants, o.cost_fixed_sek, o.created_at,
              (SELECT array_agg(w.from_date::text ORDER BY w.from_date) FROM offering_start_window w
                WHERE w.offering_id = o.id) AS windows
         FROM offering o ORDER BY o.created_at, o.title, o.venue_municipality_code, o.cost_fixed_sek`,
    ),
  };
}

async function seeded(): Promise<{
  db: DataSource;
  context: INestApplicationContext;
  first: DemoHistoryResult;
  drop: () => Promise<void>;
}> {
  const database = await createTestDatabase();
  Object.assign(process.env, {
    DATABASE_URL: database.url,
    REDIS_URL: process.env.KM_TEST_REDIS_URL,
    REDIS_PREFIX: testRedisPrefix(),
  });
  const db = new DataSource(dataSourceOptions(database.url));
  await db.initialize();
  await seedDemoAccounts(db.manager);
  const context = await NestFactory.createApplicationContext(DemoHistoryModule, { logger: false });
  const first = await context
    .get(DemoHistorySeeder)
    .seed({ seed: SEED, today: TODAY })
    .catch(async (error) => {
      await context.close();
      await db.destroy();
      await database.drop();
      throw error;
    });
  return {
    db,
    context,
    first,
    drop: async () => {
      await context.close();
      await db.destroy();
      await database.drop();
    },
  };
}

describe('demo history (LC-KOMP, 18 months through the services)', () => {
  let a: Awaited<ReturnType<typeof seeded>>;

  beforeAll(async () => {
    a = await seeded();
  }, 900_000);

  afterAll(async () => {
    await a?.drop();
  });

  it('is a living region: seasons, decisions both ways, every initiative status, an approved ESF draft, unmet and withdrawn needs', async () => {
    const { first } = a;
    expect(first.skipped).toBe(false);
    expect(first.needs).toBeGreaterThan(300);
    expect(first.approved).toBeGreaterThan(5);
    expect(first.rejected).toBeGreaterThan(0);
    expect(first.withdrawn).toBeGreaterThan(0);
    expect(first.esfDraftsApproved).toBeGreaterThan(0);

    const months: { month: string; needs: number }[] = await a.db.query(
      `SELECT to_char(created_at AT TIME ZONE 'Europe/Stockholm', 'YYYY-MM') AS month,
              count(*)::int AS needs FROM need GROUP BY 1 ORDER BY 1`,
    );
    expect(months).toHaveLength(18);
    expect(months[0].month).toBe('2025-05');
    const byMonth = new Map(months.map((m) => [m.month, m.needs]));
    expect(byMonth.get('2026-09')!).toBeGreaterThan(2 * byMonth.get('2026-07')!);

    const statuses: { status: string }[] = await a.db.query(
      `SELECT DISTINCT status FROM initiative ORDER BY 1`,
    );
    expect(statuses.map((s) => s.status)).toEqual(['cancelled', 'completed', 'planned', 'running']);
    const [outcomes] = await a.db.query(
      `SELECT count(*)::int AS n FROM initiative
        WHERE status = 'completed' AND completed_women + completed_men > 0
          AND completed_women + completed_men <= participants_total`,
    );
    expect(outcomes.n).toBeGreaterThan(0);
    // Unmet demand that persists: competences nobody offers still wait at the end.
    const [unmet] = await a.db.query(
      `SELECT count(*)::int AS n FROM need n JOIN need_competence nc ON nc.need_id = n.id
        WHERE n.status = ANY ($1) AND nc.competence_id = ANY ($2)
          AND n.created_at < $3::date - 60`,
      [OPEN_NEED_STATUSES, UNOFFERED_COMPETENCES, TODAY],
    );
    expect(unmet.n).toBeGreaterThan(0);
    // Nothing stamped by a step stayed on the real clock.
    const [late] = await a.db.query(
      `SELECT count(*)::int AS n FROM need WHERE created_at >= '2026-11-16'`,
    );
    expect(late.n).toBe(0);
  });

  it('changes nothing when seeded twice', async () => {
    const before = await fingerprint(a.db);
    const again = await a.context.get(DemoHistorySeeder).seed({ seed: SEED, today: TODAY });
    expect(again.skipped).toBe(true);
    expect(await fingerprint(a.db)).toEqual(before);
  });

  it('gives the same arrivals, and a history of the same kind, in another database from the same seed', async () => {
    const before = await arrivals(a.db);
    const b = await seeded();
    try {
      expect(await arrivals(b.db)).toEqual(before);
      const planned = ({ needs, offerings, matchingRuns }: DemoHistoryResult) => ({
        needs,
        offerings,
        matchingRuns,
      });
      expect(planned(b.first)).toEqual(planned(a.first));
      const { approved, rejected, initiatives } = b.first;
      expect(approved).toBeGreaterThan(5);
      expect(rejected).toBeGreaterThan(0);
      expect(initiatives.completed).toBeGreaterThan(0);
    } finally {
      await b.drop();
    }
  }, 900_000);
});
