import { MigrationInterface, QueryRunner } from 'typeorm';

export class Offerings1764000003000 implements MigrationInterface {
  name = 'Offerings1764000003000';

  async up(q: QueryRunner): Promise<void> {
    // Withdrawn offerings keep their row (deleted_at) so proposals and initiatives can refer to them.
    await q.query(`CREATE TABLE offering (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      learning_centre_id text NOT NULL REFERENCES learning_centre(id),
      title text NOT NULL CHECK (length(title) BETWEEN 3 AND 200),
      delivery_mode text NOT NULL CHECK (delivery_mode IN ('onsite', 'remote', 'hybrid')),
      venue_municipality_code char(4) NOT NULL REFERENCES municipality(code),
      min_participants integer NOT NULL CHECK (min_participants >= 1),
      max_participants integer NOT NULL CHECK (max_participants <= 1000),
      cost_fixed_sek integer NOT NULL CHECK (cost_fixed_sek >= 0),
      cost_per_participant_sek integer NOT NULL CHECK (cost_per_participant_sek >= 0),
      duration_days integer NOT NULL CHECK (duration_days BETWEEN 1 AND 365),
      language text NOT NULL DEFAULT 'sv' CHECK (language ~ '^[a-z]{2}$'),
      created_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      deleted_at timestamptz,
      CONSTRAINT "CHK_offering_participants" CHECK (min_participants <= max_participants)
    )`);
    await q.query(
      `CREATE INDEX "IDX_offering_learning_centre" ON offering (learning_centre_id) WHERE deleted_at IS NULL`,
    );
    await q.query(
      `CREATE INDEX "IDX_offering_venue" ON offering (venue_municipality_code) WHERE deleted_at IS NULL`,
    );
    await q.query(`CREATE TABLE offering_competence (
      offering_id uuid NOT NULL REFERENCES offering(id) ON DELETE CASCADE,
      competence_id text NOT NULL REFERENCES competence(id),
      PRIMARY KEY (offering_id, competence_id)
    )`);
    await q.query(
      `CREATE INDEX "IDX_offering_competence_competence" ON offering_competence (competence_id)`,
    );
    await q.query(`CREATE TABLE offering_start_window (
      id bigserial PRIMARY KEY,
      offering_id uuid NOT NULL REFERENCES offering(id) ON DELETE CASCADE,
      from_date date NOT NULL,
      to_date date NOT NULL,
      CONSTRAINT "CHK_offering_start_window_order" CHECK (from_date <= to_date),
      CONSTRAINT "UQ_offering_start_window" UNIQUE (offering_id, from_date, to_date)
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE offering_start_window`);
    await q.query(`DROP TABLE offering_competence`);
    await q.query(`DROP TABLE offering`);
  }
}
