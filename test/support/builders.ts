import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { swedishDayFromToday } from '@km/common';
import { seedDemoData } from '@km/demo';
import { NeedStatus, transitionNeeds } from '@km/needs';

/**
 * One set of row builders for tests: employers, needs (with their contact) and proposals written
 * straight in SQL, as a matching run or the intake would leave them. Tests that need a row the API
 * cannot make directly use these instead of their own INSERTs, so a schema change is made here once.
 * A status change goes through libs/needs (transitionNeeds), the one place that writes it.
 */

/** A DataSource or a transaction's EntityManager. */
export type Db = DataSource | EntityManager;

const managerOf = (db: Db): EntityManager => (db instanceof DataSource ? db.manager : db);

/** A random ten-digit organisation number (not Luhn-checked: SQL takes any). */
export function freshOrgNumber(): string {
  return String(5_000_000_000 + Math.floor(Math.random() * 999_999_999));
}

export interface EmployerSpec {
  orgNumber?: string;
  name?: string;
  municipalityCode: string;
  sniSection?: string;
  employees?: number;
  sizeBand?: string;
}

/** An employer (an existing org number keeps its row and takes the given name). */
export async function insertEmployer(db: Db, spec: EmployerSpec): Promise<string> {
  const [row]: { id: string }[] = await db.query(
    `INSERT INTO employer (org_number, name, municipality_code, sni_section, employees, size_band)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (org_number) DO UPDATE SET name = EXCLUDED.name RETURNING id`,
    [
      spec.orgNumber ?? freshOrgNumber(),
      spec.name ?? 'Företag AB',
      spec.municipalityCode,
      spec.sniSection ?? 'C',
      spec.employees ?? 12,
      spec.sizeBand ?? '10-49',
    ],
  );
  return row.id;
}

export interface NeedSpec {
  municipalityCode: string;
  /** Defaults to the municipality's county. */
  countyCode?: string;
  /** An existing employer; otherwise one is made from `employer` (or defaults). */
  employerId?: string;
  employer?: Partial<EmployerSpec>;
  status?: 'received' | 'proposed';
  title?: string;
  /** Participants in total; `women` of them women (default one), the rest men. */
  participants?: number;
  women?: number;
  competenceIds?: string[];
  earliestStart?: string;
  latestEnd?: string;
  maxTravelKm?: number;
  trackingTokenHash?: string;
  contact?: { name?: string; email?: string };
  /** When it arrived (default now). */
  createdAt?: Date;
}

export interface BuiltNeed {
  needId: string;
  employerId: string;
}

/**
 * A need of an employer, with its contact: starts in 30 days, ends in 200, on site within 50 km,
 * "Truckkort för lagret" for three participants, status proposed (as after a matching run).
 */
export async function insertNeed(db: Db, spec: NeedSpec): Promise<BuiltNeed> {
  const employerId =
    spec.employerId ??
    (await insertEmployer(db, { municipalityCode: spec.municipalityCode, ...spec.employer }));
  const total = spec.participants ?? 3;
  const [need]: { id: string }[] = await db.query(
    `INSERT INTO need (employer_id, title, participants_total, participants_women, participants_men,
            earliest_start, latest_end, delivery_modes, max_travel_km, tracking_token_hash,
            municipality_code, county_code, status, created_at)
     VALUES ($1, $2, $3::int, $12::int, $3::int - $12::int, $4, $5, '{onsite}', $6, $7, $8, $9, $10,
             coalesce($11::timestamptz, now()))
     RETURNING id`,
    [
      employerId,
      spec.title ?? 'Truckkort för lagret',
      total,
      spec.earliestStart ?? swedishDayFromToday(30),
      spec.latestEnd ?? swedishDayFromToday(200),
      spec.maxTravelKm ?? 50,
      spec.trackingTokenHash ?? randomBytes(32).toString('hex'),
      spec.municipalityCode,
      spec.countyCode ?? spec.municipalityCode.slice(0, 2),
      spec.status ?? 'proposed',
      spec.createdAt ?? null,
      spec.women ?? 1,
    ],
  );
  for (const competenceId of spec.competenceIds ?? []) {
    await db.query(`INSERT INTO need_competence (need_id, competence_id) VALUES ($1, $2)`, [
      need.id,
      competenceId,
    ]);
  }
  await db.query(`INSERT INTO contact (need_id, name, email) VALUES ($1, $2, $3)`, [
    need.id,
    spec.contact?.name ?? 'Anna Åberg',
    spec.contact?.email ?? `kontakt-${need.id.slice(0, 8)}@example.se`,
  ]);
  return { needId: need.id, employerId };
}

/** Moves needs to a status through libs/needs, as production code does; returns the ids moved. */
export function moveNeeds(db: Db, needIds: string[], to: NeedStatus): Promise<string[]> {
  return transitionNeeds(managerOf(db), needIds, to);
}

export interface ProposalMember extends BuiltNeed {
  /** Defaults to the venue. */
  municipalityCode?: string;
  /** Defaults to the employer's stored name. */
  employerName?: string;
}

export interface ProposalSpec {
  needs: ProposalMember[];
  venueMunicipalityCode: string;
  countyCode?: string;
  kind?: 'new_initiative' | 'joint_initiative';
  learningCentreId?: string;
  competenceIds?: string[];
  theme?: string;
}

/**
 * An open proposal over the given needs (three participants each: one woman, two men), theme
 * "truck", as a matching run writes it. Returns its id.
 */
export async function insertProposal(db: Db, spec: ProposalSpec): Promise<string> {
  const id = `p-${randomUUID()}`;
  const n = spec.needs.length;
  await db.query(
    `INSERT INTO proposal (id, kind, county_code, venue_municipality_code, suggested_learning_centre_id,
            participants_total, participants_women, participants_men, employers, score, competence_ids,
            theme, explanation)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $7, 1, $9, $10, '{}')`,
    [
      id,
      spec.kind ?? 'new_initiative',
      spec.countyCode ?? spec.venueMunicipalityCode.slice(0, 2),
      spec.venueMunicipalityCode,
      spec.learningCentreId ?? 'lc-orebro',
      n * 3,
      n,
      n * 2,
      spec.competenceIds ?? ['truckkort-a-b'],
      spec.theme ?? 'truck',
    ],
  );
  for (const member of spec.needs) {
    await db.query(
      `INSERT INTO proposal_need (proposal_id, need_id, employer_id, employer_name, municipality_code,
              participants_total, participants_women, participants_men, fit)
       SELECT $1, $2, e.id, coalesce($5, e.name), $4, 3, 1, 2, 1 FROM employer e WHERE e.id = $3`,
      [
        id,
        member.needId,
        member.employerId,
        member.municipalityCode ?? spec.venueMunicipalityCode,
        member.employerName ?? null,
      ],
    );
  }
  return id;
}

/** A matching run of a county, as MatchingRunService starts it (status running). */
export async function insertMatchingRun(db: Db, countyCode: string): Promise<string> {
  const [row]: { id: string }[] = await db.query(
    `INSERT INTO matching_run (county_code, trigger, status, started_at)
     VALUES ($1, 'manual', 'running', now()) RETURNING id`,
    [countyCode],
  );
  return row.id;
}

/** Demo needs and offerings (`seedDemoData`) spread over every municipality of the given counties. */
export async function seedDemoCounties(
  db: DataSource,
  countyCodes: string[],
  options: { needs: number; offerings: number; seed: number },
): Promise<void> {
  const municipalities: { code: string }[] = await db.query(
    `SELECT code FROM municipality WHERE county_code = ANY ($1) ORDER BY code`,
    [countyCodes],
  );
  await seedDemoData(db.manager, {
    ...options,
    municipalityCodes: municipalities.map((m) => m.code.trim()),
  });
}

/**
 * The row version of every proposal and proposal member (PostgreSQL's xmin changes whenever it
 * writes a new version of a row): equal before and after a run means the run wrote none of them.
 */
export function proposalRowVersions(db: Db): Promise<{ key: string; version: string }[]> {
  return managerOf(db).query(
    `SELECT 'p' || id AS key, xmin::text AS version FROM proposal
     UNION ALL
     SELECT 'n' || proposal_id || need_id, xmin::text FROM proposal_need ORDER BY 1`,
  );
}
