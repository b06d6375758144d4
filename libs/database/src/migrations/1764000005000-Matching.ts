import { MigrationInterface, QueryRunner } from 'typeorm';

export class Matching1764000005000 implements MigrationInterface {
  name = 'Matching1764000005000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE matching_run (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      job_id text UNIQUE,
      county_code char(2) REFERENCES county(code),
      trigger text NOT NULL CHECK (trigger IN ('manual', 'event', 'nightly')),
      status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'completed', 'failed')),
      progress real NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 1),
      requested_by uuid,
      counts jsonb NOT NULL DEFAULT '{}',
      error text,
      attempts integer NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL DEFAULT now(),
      started_at timestamptz,
      finished_at timestamptz
    )`);
    await q.query(`CREATE INDEX "IDX_matching_run_created" ON matching_run (created_at DESC)`);

    // A proposal's id derives from its content, so a replayed run inserts nothing new.
    await q.query(`CREATE TABLE proposal (
      id text PRIMARY KEY,
      kind text NOT NULL CHECK (kind IN ('joint_initiative', 'new_initiative')),
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'approved', 'rejected', 'superseded')),
      county_code char(2) NOT NULL REFERENCES county(code),
      offering_id uuid,
      start_window_from date,
      start_window_to date,
      start_date date,
      venue_municipality_code char(4) NOT NULL REFERENCES municipality(code),
      suggested_learning_centre_id text REFERENCES learning_centre(id),
      participants_total integer NOT NULL CHECK (participants_total > 0),
      participants_women integer NOT NULL CHECK (participants_women >= 0),
      participants_men integer NOT NULL CHECK (participants_men >= 0),
      employers integer NOT NULL,
      cost_per_participant_sek numeric(12, 2),
      total_cost_sek numeric(14, 2) NOT NULL DEFAULT 0,
      score double precision NOT NULL,
      competence_ids text[] NOT NULL,
      theme text NOT NULL,
      explanation jsonb NOT NULL,
      run_id uuid REFERENCES matching_run(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      decided_at timestamptz,
      decided_by uuid,
      decision_note text
    )`);
    await q.query(`CREATE INDEX "IDX_proposal_county_status" ON proposal (county_code, status)`);
    await q.query(`CREATE INDEX "IDX_proposal_offering" ON proposal (offering_id)`);
    await q.query(`CREATE TABLE proposal_need (
      proposal_id text NOT NULL REFERENCES proposal(id) ON DELETE CASCADE,
      need_id uuid NOT NULL REFERENCES need(id),
      employer_id uuid NOT NULL,
      employer_name text NOT NULL,
      municipality_code char(4) NOT NULL,
      participants_total integer NOT NULL,
      participants_women integer NOT NULL,
      participants_men integer NOT NULL,
      distance_km double precision,
      fit double precision NOT NULL,
      PRIMARY KEY (proposal_id, need_id)
    )`);
    await q.query(`CREATE INDEX "IDX_proposal_need_need" ON proposal_need (need_id)`);

    // A broker's rejection of a need + offering pair; the matcher never proposes it again.
    await q.query(`CREATE TABLE rejected_pair (
      need_id uuid NOT NULL REFERENCES need(id),
      offering_id uuid NOT NULL,
      proposal_id text REFERENCES proposal(id),
      reason text NOT NULL,
      rejected_by uuid,
      rejected_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (need_id, offering_id)
    )`);

    await q.query(`CREATE TABLE initiative (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      proposal_id text NOT NULL UNIQUE REFERENCES proposal(id),
      kind text NOT NULL,
      offering_id uuid,
      learning_centre_id text REFERENCES learning_centre(id),
      county_code char(2) NOT NULL REFERENCES county(code),
      venue_municipality_code char(4) NOT NULL REFERENCES municipality(code),
      title text NOT NULL,
      status text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'running', 'completed', 'cancelled')),
      start_date date,
      participants_total integer NOT NULL,
      participants_women integer NOT NULL,
      participants_men integer NOT NULL,
      employers integer NOT NULL,
      cost_per_participant_sek numeric(12, 2),
      completed_women integer CHECK (completed_women >= 0),
      completed_men integer CHECK (completed_men >= 0),
      note text,
      created_by uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(
      `CREATE INDEX "IDX_initiative_county_status" ON initiative (county_code, status)`,
    );
    await q.query(`CREATE TABLE initiative_need (
      initiative_id uuid NOT NULL REFERENCES initiative(id),
      need_id uuid NOT NULL REFERENCES need(id),
      committed boolean NOT NULL DEFAULT true,
      PRIMARY KEY (initiative_id, need_id)
    )`);
    // The guarantee behind "no need is in two initiatives", whatever the application does.
    await q.query(
      `CREATE UNIQUE INDEX "UQ_initiative_need_committed" ON initiative_need (need_id) WHERE committed`,
    );

    await q.query(`CREATE TABLE project_draft (
      id text PRIMARY KEY,
      county_code char(2) NOT NULL REFERENCES county(code),
      theme text NOT NULL,
      status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'approved', 'superseded')),
      eligible boolean NOT NULL,
      flags text[] NOT NULL DEFAULT '{}',
      proposal_ids text[] NOT NULL,
      employer_ids text[] NOT NULL,
      employers integer NOT NULL,
      participants_total integer NOT NULL,
      participants_women integer NOT NULL,
      participants_men integer NOT NULL,
      sme_share double precision NOT NULL,
      budget_sek numeric(14, 2) NOT NULL,
      horizontal_criteria jsonb NOT NULL,
      run_id uuid REFERENCES matching_run(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      approved_at timestamptz,
      approved_by uuid
    )`);
    await q.query(
      `CREATE INDEX "IDX_project_draft_county_status" ON project_draft (county_code, status)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'project_draft',
      'initiative_need',
      'initiative',
      'rejected_pair',
      'proposal_need',
      'proposal',
      'matching_run',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
