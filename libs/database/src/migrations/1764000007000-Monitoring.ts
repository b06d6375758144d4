import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Regional monitoring: indexes for the outcome queries (needs and initiatives by county and
 * time) and the regions' targets (rows come from the reference seed, `REGION_TARGETS`).
 */
export class Monitoring1764000007000 implements MigrationInterface {
  name = 'Monitoring1764000007000';

  async up(q: QueryRunner): Promise<void> {
    // Every monitoring figure is "needs of a county received in a period"; the included columns
    // let the aggregates run from the index alone.
    await q.query(`CREATE INDEX "IDX_need_county_created" ON need (county_code, created_at)
      INCLUDE (employer_id, status, participants_total, participants_women, participants_men)`);
    await q.query(
      `CREATE INDEX "IDX_initiative_county_created" ON initiative (county_code, created_at)`,
    );
    await q.query(
      `CREATE INDEX "IDX_project_draft_county_created" ON project_draft (county_code, created_at)`,
    );

    await q.query(`CREATE TABLE region_target (
      id text PRIMARY KEY CHECK (id ~ '^[a-z0-9-]{3,80}$'),
      county_code char(2) NOT NULL REFERENCES county(code),
      metric text NOT NULL CHECK (metric IN ('employers_with_initiative',
        'employers_in_approved_esf_draft', 'underrepresented_gender_share',
        'municipalities_with_initiative')),
      name text NOT NULL CHECK (length(name) BETWEEN 3 AND 200),
      target numeric(12, 2) NOT NULL CHECK (target >= 0),
      unit text NOT NULL CHECK (unit IN ('count', 'percent')),
      period_start date,
      period_end date,
      source text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "UQ_region_target_county_metric" UNIQUE (county_code, metric),
      CONSTRAINT "CHK_region_target_period" CHECK (period_end IS NULL OR period_start IS NULL
        OR period_end >= period_start)
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE region_target`);
    await q.query(`DROP INDEX "IDX_project_draft_county_created"`);
    await q.query(`DROP INDEX "IDX_initiative_county_created"`);
    await q.query(`DROP INDEX "IDX_need_county_created"`);
  }
}
