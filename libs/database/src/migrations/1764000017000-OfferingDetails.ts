import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What a real course needs besides matching facts (issue 17): a description, prerequisites, the
 * venue's street address, a contact person (who is e-mailed when the offering is used), a web
 * link and whether the course leads to a certificate. All optional for offerings made before.
 */
export class OfferingDetails1764000017000 implements MigrationInterface {
  name = 'OfferingDetails1764000017000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE offering
      ADD COLUMN description text CHECK (length(description) <= 4000),
      ADD COLUMN prerequisites text CHECK (length(prerequisites) <= 2000),
      ADD COLUMN venue_address text CHECK (length(venue_address) <= 300),
      ADD COLUMN contact_name text CHECK (length(contact_name) <= 200),
      ADD COLUMN contact_email text CHECK (length(contact_email) <= 254),
      ADD COLUMN contact_phone text CHECK (length(contact_phone) <= 40),
      ADD COLUMN url text CHECK (length(url) <= 500),
      ADD COLUMN certificate boolean NOT NULL DEFAULT false`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE offering
      DROP COLUMN certificate, DROP COLUMN url, DROP COLUMN contact_phone,
      DROP COLUMN contact_email, DROP COLUMN contact_name, DROP COLUMN venue_address,
      DROP COLUMN prerequisites, DROP COLUMN description`);
  }
}
