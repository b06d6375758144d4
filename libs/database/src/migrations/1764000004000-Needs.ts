import { MigrationInterface, QueryRunner } from 'typeorm';

export class Needs1764000004000 implements MigrationInterface {
  name = 'Needs1764000004000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE employer (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      org_number char(10) NOT NULL CHECK (org_number ~ '^[0-9]{10}$'),
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
      municipality_code char(4) NOT NULL REFERENCES municipality(code),
      sni_section char(1) NOT NULL REFERENCES sni_section(code),
      employees integer NOT NULL CHECK (employees BETWEEN 1 AND 1000000),
      size_band text NOT NULL CHECK (size_band IN ('1-9', '10-49', '50-249', '250+')),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "UQ_employer_org_number" UNIQUE (org_number)
    )`);

    await q.query(`CREATE TABLE need (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      employer_id uuid NOT NULL REFERENCES employer(id),
      title text NOT NULL CHECK (length(title) BETWEEN 3 AND 200),
      description text NOT NULL DEFAULT '' CHECK (length(description) <= 4000),
      participants_total integer NOT NULL CHECK (participants_total BETWEEN 1 AND 500),
      participants_women integer NOT NULL CHECK (participants_women >= 0),
      participants_men integer NOT NULL CHECK (participants_men >= 0),
      earliest_start date NOT NULL,
      latest_end date NOT NULL,
      delivery_modes text[] NOT NULL
        CHECK (cardinality(delivery_modes) >= 1 AND delivery_modes <@ ARRAY['onsite', 'remote', 'hybrid']),
      max_travel_km integer NOT NULL CHECK (max_travel_km BETWEEN 0 AND 1000),
      max_cost_per_participant_sek integer CHECK (max_cost_per_participant_sek >= 0),
      language text NOT NULL DEFAULT 'sv' CHECK (language ~ '^[a-z]{2}$'),
      status text NOT NULL DEFAULT 'received'
        CHECK (status IN ('received', 'proposed', 'matched', 'unmet', 'withdrawn', 'expired')),
      tracking_token_hash char(64) NOT NULL,
      municipality_code char(4) NOT NULL REFERENCES municipality(code),
      county_code char(2) NOT NULL REFERENCES county(code),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      withdrawn_at timestamptz,
      CONSTRAINT "UQ_need_tracking_token_hash" UNIQUE (tracking_token_hash),
      CONSTRAINT "CHK_need_gender_split" CHECK (participants_women + participants_men <= participants_total),
      CONSTRAINT "CHK_need_window" CHECK (latest_end > earliest_start),
      CONSTRAINT "CHK_need_withdrawn" CHECK ((status = 'withdrawn') = (withdrawn_at IS NOT NULL))
    )`);
    await q.query(`CREATE INDEX "IDX_need_county_status" ON need (county_code, status)`);
    await q.query(`CREATE INDEX "IDX_need_employer" ON need (employer_id)`);
    await q.query(`CREATE INDEX "IDX_need_created" ON need (created_at)`);

    await q.query(`CREATE TABLE need_competence (
      need_id uuid NOT NULL REFERENCES need(id) ON DELETE CASCADE,
      competence_id text NOT NULL REFERENCES competence(id),
      PRIMARY KEY (need_id, competence_id)
    )`);
    await q.query(
      `CREATE INDEX "IDX_need_competence_competence" ON need_competence (competence_id)`,
    );

    // Personal data in a table of its own: deleting the row erases it, the need stays.
    await q.query(`CREATE TABLE contact (
      need_id uuid PRIMARY KEY REFERENCES need(id) ON DELETE CASCADE,
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
      email text NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
      phone text CHECK (length(phone) <= 40),
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX "IDX_contact_created" ON contact (created_at)`);

    // Answers to writes sent with an Idempotency-Key, replayed to a retry with the same key.
    await q.query(`CREATE TABLE idempotency_key (
      id bigserial PRIMARY KEY,
      scope text NOT NULL,
      key text NOT NULL CHECK (length(key) BETWEEN 1 AND 255),
      request_hash char(64) NOT NULL,
      response_status integer,
      response_body jsonb,
      created_at timestamptz NOT NULL DEFAULT now(),
      completed_at timestamptz,
      CONSTRAINT "UQ_idempotency_key_scope_key" UNIQUE (scope, key)
    )`);
    await q.query(`CREATE INDEX "IDX_idempotency_key_created" ON idempotency_key (created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE idempotency_key`);
    await q.query(`DROP TABLE contact`);
    await q.query(`DROP TABLE need_competence`);
    await q.query(`DROP TABLE need`);
    await q.query(`DROP TABLE employer`);
  }
}
