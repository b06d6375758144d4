import { addDays, addMonths, swedishDay } from '@km/common';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { isoDay, orgNumber } from './world';

/**
 * Monitoring fixtures: employers, needs, initiatives and ESF drafts with chosen dates and
 * statuses, inserted straight into the tables the monitoring queries read. Every date is noon
 * UTC of a day (the same calendar day in Stockholm), `daysAgo` days before today.
 */

export type NeedStatus = 'received' | 'proposed' | 'matched' | 'unmet' | 'withdrawn' | 'expired';
export type InitiativeStatus = 'planned' | 'running' | 'completed' | 'cancelled';

export interface EmployerSpec {
  key: string;
  municipality: string;
  employees: number;
}

export interface NeedSpec {
  key: string;
  employer: string;
  daysAgo: number;
  total: number;
  women: number;
  men: number;
  status: NeedStatus;
  competences: string[];
  /** An open proposal (status proposed) or one that was superseded. */
  proposal?: 'open' | 'superseded';
  initiative?: string;
  /** A calendar day (noon UTC) instead of `daysAgo`. */
  at?: string;
}

export interface InitiativeSpec {
  key: string;
  /** The proposal's county (where the needs were matched from). */
  county: string;
  /** The venue municipality: the initiative counts in its county. */
  municipality: string;
  daysAgo: number;
  status: InitiativeStatus;
  /** A calendar day (noon UTC) of the approval instead of `daysAgo`. */
  at?: string;
  /** The day of the last status change (default: the approval). */
  statusAt?: string;
}

export interface DraftSpec {
  key: string;
  county: string;
  status: 'draft' | 'approved' | 'superseded';
  employers: string[];
  daysAgo: number;
}

export interface MonitoringDataset {
  employers: EmployerSpec[];
  needs: NeedSpec[];
  initiatives: InitiativeSpec[];
  drafts: DraftSpec[];
}

/** Competences with Swedish characters in their labels. */
export const FIXTURE_COMPETENCES = [
  'lyft-sakra-lyft',
  'ritningslasning',
  'platbearbetning',
  'truckkort-a-b',
  'svetsning-mag-stal',
  'lager-farligt-gods',
];

export const sizeBand = (employees: number) =>
  employees < 10 ? '1-9' : employees < 50 ? '10-49' : employees < 250 ? '50-249' : '250+';

/** Noon UTC, `daysAgo` days before today (Stockholm). */
export const atDaysAgo = (daysAgo: number) => new Date(`${isoDay(-daysAgo)}T12:00:00Z`);

/** Noon UTC of a calendar day (the same day in Stockholm). */
export const atDay = (isoDate: string) => new Date(`${isoDate}T12:00:00Z`);

const addDaysTo = addDays;

/**
 * The first day of the month `offset` months from the current one (Stockholm), e.g. -1 for
 * last month: fixtures placed in completed months stay there whatever day the test runs.
 */
export function monthStart(offset: number): string {
  return addMonths(isoDay(0), offset);
}

/** The last day of the month `offset` months from the current one. */
export const monthEnd = (offset: number) => addDaysTo(monthStart(offset + 1), -1);

/** A day of the month `offset` months from the current one. */
export const dayOfMonth = (offset: number, day: number) => addDaysTo(monthStart(offset), day - 1);

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A deterministic, realistic dataset for one county: mostly small employers, needs spread over
 * `days`, some pooled into initiatives of 3–5 employers (a few cancelled), the rest proposed,
 * unmet, waiting, withdrawn or expired; one approved and one open ESF draft.
 */
export function generateDataset(options: {
  seed: number;
  prefix: string;
  county: string;
  municipalities: string[];
  employers: number;
  needs: number;
  initiatives: number;
  days: number;
}): MonitoringDataset {
  const random = mulberry32(options.seed);
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
  const employers: EmployerSpec[] = Array.from({ length: options.employers }, (_, i) => {
    const r = random();
    const employees =
      r < 0.55 ? int(1, 9) : r < 0.8 ? int(10, 49) : r < 0.93 ? int(50, 249) : int(250, 900);
    return {
      key: `${options.prefix}e${i}`,
      municipality: options.municipalities[i % options.municipalities.length],
      employees,
    };
  });
  const needs: NeedSpec[] = Array.from({ length: options.needs }, (_, i) => {
    const total = int(1, 12);
    const women = int(0, total);
    const men = random() < 0.2 ? int(0, total - women) : total - women;
    const competences = [pick(FIXTURE_COMPETENCES)];
    if (random() < 0.3) {
      const second = pick(FIXTURE_COMPETENCES);
      if (second !== competences[0]) competences.push(second);
    }
    return {
      key: `${options.prefix}n${i}`,
      employer: employers[i < employers.length ? i : int(0, employers.length - 1)].key,
      daysAgo: int(1, options.days),
      total,
      women,
      men,
      status: 'received',
      competences,
    };
  });

  const initiatives: InitiativeSpec[] = [];
  const free = () => needs.filter((n) => !n.initiative && n.daysAgo > 5);
  for (let k = 0; k < options.initiatives; k++) {
    const pool = free();
    const size = int(3, 5);
    const chosen: NeedSpec[] = [];
    const seen = new Set<string>();
    const anchor = pick(pool);
    // Needs close in time to one another, from different employers.
    for (const need of pool.sort(
      (a, b) => Math.abs(a.daysAgo - anchor.daysAgo) - Math.abs(b.daysAgo - anchor.daysAgo),
    )) {
      if (chosen.length === size) break;
      if (seen.has(need.employer)) continue;
      seen.add(need.employer);
      chosen.push(need);
    }
    const youngest = Math.min(...chosen.map((n) => n.daysAgo));
    const status: InitiativeStatus =
      k % 7 === 6 ? 'cancelled' : k % 5 === 4 ? 'completed' : k % 3 === 2 ? 'running' : 'planned';
    const initiative: InitiativeSpec = {
      key: `${options.prefix}i${k}`,
      county: options.county,
      municipality: options.municipalities[0],
      daysAgo: Math.max(0, youngest - int(2, 45)),
      status,
    };
    initiatives.push(initiative);
    for (const need of chosen) {
      need.initiative = initiative.key;
      need.status = status === 'cancelled' ? 'received' : 'matched';
    }
  }
  for (const need of needs) {
    if (need.initiative) continue;
    const r = random();
    if (r < 0.2) {
      need.status = 'proposed';
      need.proposal = 'open';
    } else if (r < 0.55) {
      need.status = 'unmet';
      if (random() < 0.3) need.proposal = 'superseded';
    } else if (r < 0.62) {
      need.status = 'withdrawn';
    } else if (r < 0.68 && need.daysAgo > 60) {
      need.status = 'expired';
    }
  }
  const pooled = [...new Set(needs.filter((n) => n.status === 'matched').map((n) => n.employer))];
  const drafts: DraftSpec[] = [
    {
      key: `${options.prefix}d0`,
      county: options.county,
      status: 'approved',
      employers: pooled.slice(0, 5),
      daysAgo: 3,
    },
    {
      key: `${options.prefix}d1`,
      county: options.county,
      status: 'draft',
      employers: pooled.slice(5, 9),
      daysAgo: 2,
    },
  ];
  return { employers, needs, initiatives, drafts };
}

/** Inserts a dataset; returns the database ids by fixture key. */
export async function insertDataset(
  db: DataSource,
  data: MonitoringDataset,
): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  const id = (key: string) => {
    const value = ids.get(key);
    if (!value) throw new Error(`no fixture ${key}`);
    return value;
  };
  const employerOf = new Map(data.employers.map((e) => [e.key, e]));
  const base = Math.floor(Math.random() * 1_000_000) * 100;
  let counter = 0;
  for (const e of data.employers) {
    const [row] = await db.query(
      `INSERT INTO employer (org_number, name, municipality_code, sni_section, employees, size_band)
       VALUES ($1, $2, $3, 'C', $4, $5) RETURNING id`,
      [
        orgNumber(base + counter++),
        `Företag ${e.key} AB`,
        e.municipality,
        e.employees,
        sizeBand(e.employees),
      ],
    );
    ids.set(e.key, row.id);
  }
  for (const n of data.needs) {
    const employer = employerOf.get(n.employer)!;
    const created = n.at ? atDay(n.at) : atDaysAgo(n.daysAgo);
    const [row] = await db.query(
      `INSERT INTO need (employer_id, title, participants_total, participants_women, participants_men,
              earliest_start, latest_end, delivery_modes, max_travel_km, tracking_token_hash,
              municipality_code, county_code, status, created_at, updated_at, withdrawn_at)
       VALUES ($1, 'Kompetensbehov för produktionen', $2, $3, $4, $5::date, $5::date + 120,
               '{onsite}', 50, $6, $7, $8, $9, $10, $10,
               CASE WHEN $9 = 'withdrawn' THEN $10::timestamptz END)
       RETURNING id`,
      [
        id(n.employer),
        n.total,
        n.women,
        n.men,
        addDaysTo(swedishDay(created), 30),
        randomBytes(32).toString('hex'),
        employer.municipality,
        employer.municipality.slice(0, 2),
        n.status,
        created,
      ],
    );
    ids.set(n.key, row.id);
    for (const competence of n.competences) {
      await db.query(`INSERT INTO need_competence (need_id, competence_id) VALUES ($1, $2)`, [
        row.id,
        competence,
      ]);
    }
  }

  const proposal = async (
    needs: NeedSpec[],
    status: string,
    county: string,
    venue: string,
  ): Promise<string> => {
    const proposalId = `p-${randomBytes(8).toString('hex')}`;
    const sum = (f: (n: NeedSpec) => number) => needs.reduce((s, n) => s + f(n), 0);
    await db.query(
      `INSERT INTO proposal (id, kind, status, county_code, venue_municipality_code, participants_total,
              participants_women, participants_men, employers, score, competence_ids, theme, explanation)
       VALUES ($1, 'joint_initiative', $2, $3, $4, $5, $6, $7, $8, 1, $9, 'tema', '{}')`,
      [
        proposalId,
        status,
        county,
        venue,
        sum((n) => n.total),
        sum((n) => n.women),
        sum((n) => n.men),
        new Set(needs.map((n) => n.employer)).size,
        [...new Set(needs.flatMap((n) => n.competences))],
      ],
    );
    for (const n of needs) {
      const employer = employerOf.get(n.employer)!;
      await db.query(
        `INSERT INTO proposal_need (proposal_id, need_id, employer_id, employer_name, municipality_code,
                participants_total, participants_women, participants_men, fit)
         VALUES ($1, $2, $3, 'Företag AB', $4, $5, $6, $7, 1)`,
        [proposalId, id(n.key), id(n.employer), employer.municipality, n.total, n.women, n.men],
      );
    }
    return proposalId;
  };

  for (const i of data.initiatives) {
    const needs = data.needs.filter((n) => n.initiative === i.key);
    const proposalId = await proposal(needs, 'approved', i.county, i.municipality);
    const sum = (f: (n: NeedSpec) => number) => needs.reduce((s, n) => s + f(n), 0);
    const created = i.at ? atDay(i.at) : atDaysAgo(i.daysAgo);
    const statusChanged = i.statusAt ? atDay(i.statusAt) : created;
    const [row] = await db.query(
      `INSERT INTO initiative (proposal_id, kind, county_code, venue_municipality_code, title, status,
              participants_total, participants_women, participants_men, employers,
              completed_women, completed_men, created_at, updated_at, status_changed_at)
       VALUES ($1, 'joint_initiative', $2, $3, 'Gemensam utbildning', $4, $5, $6, $7, $8,
               CASE WHEN $4 = 'completed' THEN $6::int END, CASE WHEN $4 = 'completed' THEN $7::int END,
               $9, $9, $10)
       RETURNING id`,
      [
        proposalId,
        i.county,
        i.municipality,
        i.status,
        sum((n) => n.total),
        sum((n) => n.women),
        sum((n) => n.men),
        new Set(needs.map((n) => n.employer)).size,
        created,
        statusChanged,
      ],
    );
    ids.set(i.key, row.id);
    for (const n of needs) {
      await db.query(
        `INSERT INTO initiative_need (initiative_id, need_id, committed) VALUES ($1, $2, $3)`,
        [row.id, id(n.key), i.status !== 'cancelled'],
      );
    }
  }
  for (const status of ['open', 'superseded'] as const) {
    const needs = data.needs.filter((n) => n.proposal === status);
    for (const n of needs) {
      const employer = employerOf.get(n.employer)!;
      await proposal([n], status, employer.municipality.slice(0, 2), employer.municipality);
    }
  }
  // A draft fixture is a living draft (one per county × theme); an approved one is a snapshot
  // of a living draft that has nothing in it any more.
  for (const d of data.drafts) {
    const draftId = `draft-${randomBytes(6).toString('hex')}`;
    const created = atDaysAgo(d.daysAgo);
    await db.query(
      `INSERT INTO project_draft (id, county_code, theme, status, eligible, proposal_ids, employer_ids,
              employers, participants_total, participants_women, participants_men, sme_share, budget_sek,
              horizontal_criteria, document, created_at, updated_at)
       VALUES ($1, $2, $1, $3, true, '{}', $4, $5, 10, 5, 5, 1, 100000, '{}', '{}', $6, $6)`,
      [
        draftId,
        d.county,
        d.status === 'draft' ? 'draft' : 'empty',
        d.employers.map(id),
        d.employers.length,
        created,
      ],
    );
    if (d.status === 'approved') {
      const [snapshot] = await db.query(
        `INSERT INTO project_draft_snapshot (draft_id, version, county_code, theme, document, eligible,
                employer_ids, employers, participants_total, participants_women, participants_men,
                budget_sek, approved_at)
         VALUES ($1, 1, $2, $1, '{}', true, $3, $4, 10, 5, 5, 100000, $5) RETURNING id`,
        [draftId, d.county, d.employers.map(id), d.employers.length, created],
      );
      ids.set(d.key, snapshot.id);
    } else {
      ids.set(d.key, draftId);
    }
  }
  return ids;
}
