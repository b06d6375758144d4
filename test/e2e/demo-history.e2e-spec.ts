import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
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
 * Secrets, random by design: a password hash's salt, a need's tracking token (the employer's
 * key to its page, stored as a hash and sealed for the e-mail). Every other column of every
 * table is compared, ids and timestamps included.
 */
const SECRETS = new Set([
  'app_user.password_hash',
  'need.tracking_token_hash',
  'need_tracking_link.sealed_token',
]);

/**
 * Measurements of the machine, not of the history: how long a matching run's phases took (the
 * `…Ms` figures in its counts) and which database session held its locks. Compared without them.
 */
const MEASURED: Record<string, string | null> = {
  'matching_run.lock_pid': null,
  'matching_run.counts': `(SELECT jsonb_object_agg(k, v) FROM jsonb_each(counts) AS e(k, v) WHERE k NOT LIKE '%Ms')`,
};

/** Every row of every table (without the secrets), as text in a fixed order. */
async function everyRow(db: DataSource): Promise<Record<string, string[]>> {
  const columns: { table_name: string; column_name: string }[] = await db.query(
    `SELECT c.table_name, c.column_name FROM information_schema.columns c
       JOIN information_schema.tables t
         ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
        AND c.table_name <> 'migrations'
      ORDER BY c.table_name, c.ordinal_position`,
  );
  const tables = new Map<string, string[]>();
  for (const { table_name: table, column_name: column } of columns) {
    const key = `${table}.${column}`;
    if (SECRETS.has(key) || MEASURED[key] === null) continue;
    tables.set(table, [...(tables.get(table) ?? []), MEASURED[key] ?? `"${column}"`]);
  }
  const rows: Record<string, string[]> = {};
  for (const [table, list] of tables) {
    const found: { row: string }[] = await db.query(
      `SELECT row(${list.join(', ')})::text AS row FROM "${table}" ORDER BY 1`,
    );
    rows[table] = found.map((r) => r.row);
  }
  return rows;
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
    const before = await everyRow(a.db);
    const again = await a.context.get(DemoHistorySeeder).seed({ seed: SEED, today: TODAY });
    expect(again.skipped).toBe(true);
    expect(await everyRow(a.db)).toEqual(before);
  });

  it('writes identical rows, ids included, into another database from the same seed', async () => {
    const b = await seeded();
    try {
      expect(b.first).toEqual(a.first);
      const [left, right] = [await everyRow(a.db), await everyRow(b.db)];
      expect(Object.keys(right)).toEqual(Object.keys(left));
      for (const table of Object.keys(left)) {
        // One table at a time, so a failure names it.
        expect({ table, rows: right[table] }).toEqual({ table, rows: left[table] });
      }
      expect(left.need.length).toBe(a.first.needs);
      expect(left.initiative.length).toBeGreaterThan(10);
    } finally {
      await b.drop();
    }
  }, 900_000);
});
