import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * ESF project drafts become living drafts, one per county × theme, recomputed by every run of
 * their county; an approval freezes a snapshot in a table of its own that no run writes.
 * Needs gain the optional ESF+ reporting fields age band and education level (ISCED).
 *
 * Existing rows were frozen engine output keyed by the venue's county: drafts of the same county
 * and theme are merged into the newest one (the next run of the county recomputes its content),
 * and an approved row becomes version 1.. of its county × theme's snapshots.
 */
export class ProjectDrafts1764000016000 implements MigrationInterface {
  name = 'ProjectDrafts1764000016000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE need
      ADD COLUMN age_band text CHECK (age_band IN ('under_30', '30_54', '55_plus')),
      ADD COLUMN education_level text CHECK (education_level IN ('isced_0_2', 'isced_3_4', 'isced_5_8'))`);

    await q.query(`CREATE TABLE project_draft_snapshot (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      draft_id text NOT NULL,
      version integer NOT NULL CHECK (version >= 1),
      county_code char(2) NOT NULL REFERENCES county(code),
      theme text NOT NULL,
      document jsonb NOT NULL,
      eligible boolean NOT NULL,
      employer_ids text[] NOT NULL,
      employers integer NOT NULL,
      participants_total integer NOT NULL,
      participants_women integer NOT NULL,
      participants_men integer NOT NULL,
      budget_sek numeric(14, 2) NOT NULL,
      approved_at timestamptz NOT NULL DEFAULT now(),
      approved_by uuid,
      CONSTRAINT "UQ_project_draft_snapshot_version" UNIQUE (draft_id, version)
    )`);
    await q.query(
      `CREATE INDEX "IDX_project_draft_snapshot_county" ON project_draft_snapshot (county_code, approved_at)`,
    );

    await q.query(`ALTER TABLE project_draft ADD COLUMN document jsonb`);
    // The newest row per county × theme stays the living draft; the others are dropped below.
    await q.query(`CREATE TEMP TABLE draft_keep ON COMMIT DROP AS
      SELECT DISTINCT ON (county_code, theme) id, county_code, theme
        FROM project_draft ORDER BY county_code, theme, (status = 'draft') DESC, updated_at DESC, id`);
    await q.query(`INSERT INTO project_draft_snapshot (draft_id, version, county_code, theme, document,
              eligible, employer_ids, employers, participants_total, participants_women,
              participants_men, budget_sek, approved_at, approved_by)
      SELECT k.id, row_number() OVER (PARTITION BY k.id ORDER BY d.approved_at, d.id), d.county_code,
             d.theme, jsonb_build_object('migrated', true, 'countyCode', d.county_code::text,
               'countyName', c.name, 'theme', d.theme, 'themeLabel', coalesce(a.label, d.theme),
               'computedAt', to_jsonb(coalesce(d.approved_at, d.updated_at)),
               'proposalIds', to_jsonb(d.proposal_ids), 'items', '[]'::jsonb,
               'employers', coalesce((SELECT jsonb_agg(jsonb_build_object('id', e.id, 'name', e.name,
                   'municipalityCode', e.municipality_code::text, 'municipalityName', m.name,
                   'sme', e.employees < 250, 'participants', 0) ORDER BY e.name)
                   FROM employer e JOIN municipality m ON m.code = e.municipality_code
                  WHERE e.id::text = ANY (d.employer_ids)), '[]'::jsonb),
               'municipalities', '[]'::jsonb,
               'participants', jsonb_build_object('total', d.participants_total,
                   'women', d.participants_women, 'men', d.participants_men,
                   'notStated', d.participants_total - d.participants_women - d.participants_men),
               'ageBands', '[]'::jsonb, 'educationLevels', '[]'::jsonb,
               'smeEmployers', round(d.sme_share * d.employers), 'smeShare', d.sme_share,
               'budget', jsonb_build_object('totalSek', d.budget_sek,
                   'esfSek', d.budget_sek - round(d.budget_sek * 0.46), 'nationalSek', round(d.budget_sek * 0.46),
                   'nationalShare', 0.46, 'costPerParticipantSek',
                   CASE WHEN d.participants_total > 0 THEN round(d.budget_sek / d.participants_total, 2) END),
               'rules', jsonb_build_object('minEmployers', 3, 'minMunicipalities', 3, 'budgetMinSek', 100000,
                   'budgetMaxSek', 20000000, 'genderMinShare', 0.4, 'nationalCofinancingShare', 0.46),
               'criteria', '[]'::jsonb, 'eligible', d.eligible,
               'horizontalCriteria', jsonb_build_object(
                   'jamstalldhet', coalesce(d.horizontal_criteria #>> '{genderEquality,text}', ''),
                   'tillganglighet', coalesce(d.horizontal_criteria #>> '{accessibility,text}', ''))),
             d.eligible, d.employer_ids, d.employers,
             d.participants_total, d.participants_women, d.participants_men, d.budget_sek,
             coalesce(d.approved_at, d.updated_at), d.approved_by
        FROM project_draft d JOIN draft_keep k ON k.county_code = d.county_code AND k.theme = d.theme
        JOIN county c ON c.code = d.county_code
        LEFT JOIN competence_area a ON a.id = d.theme
       WHERE d.status = 'approved'`);
    await q.query(
      `DELETE FROM project_draft d WHERE NOT EXISTS (SELECT 1 FROM draft_keep k WHERE k.id = d.id)`,
    );
    await q.query(`ALTER TABLE project_draft DROP CONSTRAINT IF EXISTS project_draft_status_check`);
    // The kept rows get their document at the next run of their county; until then they are hidden.
    await q.query(`UPDATE project_draft SET status = 'draft'`);
    await q.query(`ALTER TABLE project_draft
      ADD CONSTRAINT project_draft_status_check CHECK (status IN ('draft', 'empty')),
      ADD CONSTRAINT "UQ_project_draft_county_theme" UNIQUE (county_code, theme),
      DROP COLUMN approved_at,
      DROP COLUMN approved_by`);
    await q.query(`ALTER TABLE project_draft_snapshot
      ADD CONSTRAINT "FK_project_draft_snapshot_draft" FOREIGN KEY (draft_id) REFERENCES project_draft(id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE project_draft
      ADD COLUMN approved_at timestamptz,
      ADD COLUMN approved_by uuid,
      DROP CONSTRAINT "UQ_project_draft_county_theme",
      DROP CONSTRAINT project_draft_status_check`);
    await q.query(`UPDATE project_draft SET status = 'superseded' WHERE status = 'empty'`);
    // Each snapshot becomes an approved draft of the old shape again, under its own id.
    await q.query(`INSERT INTO project_draft (id, county_code, theme, status, eligible, flags,
              proposal_ids, employer_ids, employers, participants_total, participants_women,
              participants_men, sme_share, budget_sek, horizontal_criteria, created_at, updated_at,
              approved_at, approved_by)
      SELECT s.id::text, s.county_code, s.theme, 'approved', s.eligible, '{}',
             coalesce(ARRAY(SELECT jsonb_array_elements_text(s.document -> 'proposalIds')), '{}'),
             s.employer_ids, s.employers, s.participants_total, s.participants_women,
             s.participants_men, coalesce((s.document ->> 'smeShare')::float8, 0), s.budget_sek,
             jsonb_build_object('genderEquality', jsonb_build_object('text', s.document #>> '{horizontalCriteria,jamstalldhet}'),
                                'accessibility', jsonb_build_object('text', s.document #>> '{horizontalCriteria,tillganglighet}')),
             s.approved_at, s.approved_at, s.approved_at, s.approved_by
        FROM project_draft_snapshot s`);
    await q.query(`ALTER TABLE project_draft
      ADD CONSTRAINT project_draft_status_check CHECK (status IN ('draft', 'approved', 'superseded')),
      DROP COLUMN document`);
    await q.query(`DROP TABLE project_draft_snapshot`);
    await q.query(`ALTER TABLE need DROP COLUMN education_level, DROP COLUMN age_band`);
  }
}
