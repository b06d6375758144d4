import { MigrationInterface, QueryRunner } from 'typeorm';

export class ReferenceData1764000000000 implements MigrationInterface {
  name = 'ReferenceData1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE county (code char(2) PRIMARY KEY, name text NOT NULL)`);
    await q.query(`CREATE TABLE municipality (
      code char(4) PRIMARY KEY CHECK (code ~ '^[0-9]{4}$'),
      name text NOT NULL,
      county_code char(2) NOT NULL REFERENCES county(code),
      lat double precision NOT NULL CHECK (lat BETWEEN 55 AND 70),
      lon double precision NOT NULL CHECK (lon BETWEEN 10 AND 25),
      population integer NOT NULL CHECK (population >= 0),
      CHECK (substr(code, 1, 2) = county_code)
    )`);
    await q.query(`CREATE INDEX "IDX_municipality_county" ON municipality (county_code)`);
    await q.query(`CREATE TABLE learning_centre (
      id text PRIMARY KEY,
      name text NOT NULL UNIQUE,
      kind text NOT NULL CHECK (kind IN ('municipal', 'kommunalforbund')),
      seat_municipality_code char(4) NOT NULL REFERENCES municipality(code)
    )`);
    await q.query(`CREATE TABLE learning_centre_municipality (
      learning_centre_id text NOT NULL REFERENCES learning_centre(id) ON DELETE CASCADE,
      municipality_code char(4) NOT NULL UNIQUE REFERENCES municipality(code),
      PRIMARY KEY (learning_centre_id, municipality_code)
    )`);
    await q.query(`CREATE TABLE competence_area (id text PRIMARY KEY, label text NOT NULL)`);
    await q.query(`CREATE TABLE competence (
      id text PRIMARY KEY,
      label text NOT NULL UNIQUE,
      synonyms text[] NOT NULL DEFAULT '{}',
      area_id text NOT NULL REFERENCES competence_area(id),
      broader_id text REFERENCES competence(id) DEFERRABLE INITIALLY DEFERRED,
      label_folded text NOT NULL,
      synonyms_folded text[] NOT NULL DEFAULT '{}'
    )`);
    await q.query(`CREATE INDEX "IDX_competence_area" ON competence (area_id)`);
    await q.query(`CREATE INDEX "IDX_competence_broader" ON competence (broader_id)`);
    await q.query(
      `CREATE TABLE sni_section (code char(1) PRIMARY KEY CHECK (code ~ '^[A-U]$'), label text NOT NULL)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE sni_section`);
    await q.query(`DROP TABLE competence`);
    await q.query(`DROP TABLE competence_area`);
    await q.query(`DROP TABLE learning_centre_municipality`);
    await q.query(`DROP TABLE learning_centre`);
    await q.query(`DROP TABLE municipality`);
    await q.query(`DROP TABLE county`);
  }
}
