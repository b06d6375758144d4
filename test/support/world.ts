import request from 'supertest';
import { DataSource } from 'typeorm';
import { hashTrackingToken, newTrackingToken } from '@km/needs';
import { CSRF_COOKIE } from '../../apps/api/src/staff/staff-session';
import { isoDay, validOfferingBody } from './bodies';
import { startTestApp, TestApp } from './test-app';
import { withLuhnDigit } from '@km/needs';
import { LivingDraftWriter } from '@km/project-drafts';
import { insertNeed, insertProposal } from './builders';

export { isoDay };

/**
 * A populated app for the authorisation matrix and the fuzz tests: one account per role and
 * scope (logged in), and factories for needs (with their tracking tokens), proposals,
 * initiatives, ESF project drafts and offerings in Örebro län (18) and Södermanlands län (04).
 */

export const WORLD_ADMIN = { email: 'admin@world.test', password: 'admin-password-123' };
export const WORLD_PASSWORD = 'account-password-1';

/** Accounts by name; "own" is relative to the county-18 fixtures owned by lc-orebro. */
export const WORLD_ACCOUNTS = {
  providerOwn: { role: 'provider', learningCentreId: 'lc-orebro' },
  providerOther: { role: 'provider', learningCentreId: 'lc-lindesberg' },
  providerSormland: { role: 'provider', learningCentreId: 'viadidakt' },
  brokerOwn: { role: 'broker', learningCentreId: 'lc-orebro' },
  brokerOther: { role: 'broker', learningCentreId: 'viadidakt' },
  regionalOwn: { role: 'regional', countyCode: '18' },
  regionalOther: { role: 'regional', countyCode: '04' },
} as const;
export type AccountName = keyof typeof WORLD_ACCOUNTS | 'admin';
export const accountEmail = (name: keyof typeof WORLD_ACCOUNTS) =>
  `${name.toLowerCase()}@world.test`;

/** Municipality, learning centre and county of the two regions the fixtures live in. */
export const REGIONS = {
  orebro: { municipality: '1880', learningCentreId: 'lc-orebro', county: '18' },
  sormland: { municipality: '0483', learningCentreId: 'viadidakt', county: '04' },
} as const;
export type RegionName = keyof typeof REGIONS;
/** Two more municipalities of each region's county (ESF drafts need employers from three). */
const NEIGHBOURS: Record<RegionName, string[]> = {
  orebro: ['1885', '1883'],
  sormland: ['0428', '0480'],
};

/** A valid organisationsnummer (digits 3–4 ≥ 20, Luhn check digit) built from a counter. */
export function orgNumber(n: number): string {
  return withLuhnDigit(
    `55${String(20 + (n % 80)).padStart(2, '0')}${String(Math.floor(n / 80) % 100000).padStart(5, '0')}`,
  );
}

export interface NeedFixture {
  needId: string;
  employerId: string;
  token: string;
  municipalityCode: string;
}

export class World {
  readonly db: DataSource;
  readonly tokens = {} as Record<AccountName, string>;
  competenceId = '';
  private ip = 0;
  private counter = 0;

  constructor(readonly t: TestApp) {
    this.db = t.app.get(DataSource);
  }

  http() {
    return request(this.t.app.getHttpServer());
  }

  /** A fresh client address per request, so per-client rate limits never interfere. */
  nextIp(): string {
    const n = ++this.ip;
    return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
  }

  auth(account: AccountName): Record<string, string> {
    return { Authorization: `Bearer ${this.tokens[account]}` };
  }

  async login(email: string, password: string): Promise<string> {
    const res = await this.http()
      .post('/api/v1/auth/login')
      .set('X-Forwarded-For', this.nextIp())
      .send({ email, password });
    if (res.status !== 200) throw new Error(`login ${email}: ${res.status} ${res.text}`);
    return res.body.accessToken as string;
  }

  /** Creates one account per entry of WORLD_ACCOUNTS (through the admin API) and logs in. */
  async setUp(): Promise<this> {
    [{ id: this.competenceId }] = await this.db.query(
      `SELECT id FROM competence ORDER BY id LIMIT 1`,
    );
    this.tokens.admin = await this.login(WORLD_ADMIN.email, WORLD_ADMIN.password);
    await Promise.all(
      Object.entries(WORLD_ACCOUNTS).map(async ([name, scope]) => {
        const email = accountEmail(name as keyof typeof WORLD_ACCOUNTS);
        const res = await this.http()
          .post('/api/v1/admin/users')
          .set(this.auth('admin'))
          .send({ email, password: WORLD_PASSWORD, ...scope });
        if (res.status !== 201) throw new Error(`create ${email}: ${res.status} ${res.text}`);
        this.tokens[name as AccountName] = await this.login(email, WORLD_PASSWORD);
      }),
    );
    return this;
  }

  /** An employer + need straight in SQL, with a tracking token whose hash is stored. */
  async need(
    region: RegionName = 'orebro',
    status: 'received' | 'proposed' = 'proposed',
  ): Promise<NeedFixture> {
    const { municipality } = REGIONS[region];
    const token = newTrackingToken();
    const { needId, employerId } = await insertNeed(this.db, {
      municipalityCode: municipality,
      employer: { orgNumber: orgNumber(++this.counter + 1000), name: 'Fixtur AB' },
      status,
      trackingTokenHash: hashTrackingToken(token),
      contact: { email: 'anna@example.se' },
    });
    return { needId, employerId, token, municipalityCode: municipality };
  }

  /** An open new_initiative proposal over the given needs, or over that many fresh ones. */
  async proposal(
    region: RegionName = 'orebro',
    needs: number | NeedFixture[] = 2,
  ): Promise<string> {
    const { municipality, learningCentreId, county } = REGIONS[region];
    const members: NeedFixture[] = [];
    if (typeof needs !== 'number') members.push(...needs);
    else for (let i = 0; i < needs; i++) members.push(await this.need(region));
    return insertProposal(this.db, {
      needs: members,
      venueMunicipalityCode: municipality,
      countyCode: county,
      learningCentreId,
      competenceIds: [this.competenceId],
    });
  }

  /** A planned initiative: a fresh proposal approved by the admin. */
  async initiative(region: RegionName = 'orebro'): Promise<string> {
    const proposalId = await this.proposal(region);
    const res = await this.http()
      .post(`/api/v1/admin/proposals/${proposalId}/approve`)
      .set(this.auth('admin'))
      .send({});
    if (res.status !== 201) throw new Error(`approve: ${res.status} ${res.text}`);
    return res.body.initiativeId as string;
  }

  /** A cancelled initiative (cancelled by the admin, with a reason). */
  async cancelledInitiative(region: RegionName = 'orebro'): Promise<string> {
    const id = await this.initiative(region);
    const res = await this.http()
      .post(`/api/v1/admin/initiatives/${id}/status`)
      .set(this.auth('admin'))
      .send({ status: 'cancelled', reason: 'Lärare saknas' });
    if (res.status !== 200) throw new Error(`cancel: ${res.status} ${res.text}`);
    return id;
  }

  /**
   * The living ESF draft of a proposal's county and theme, recomputed as a run would. Without a
   * proposal: a fresh one of three employers in three municipalities, in a theme of its own and
   * with a budget within the call's limits, so the draft meets the call rules and can be approved.
   */
  async projectDraft(region: RegionName = 'orebro', proposal?: string): Promise<string> {
    const { county } = REGIONS[region];
    const proposalId = proposal ?? (await this.proposal(region, 3));
    if (!proposal) {
      await this.db.query(`UPDATE proposal SET theme = $2, total_cost_sek = 250000 WHERE id = $1`, [
        proposalId,
        `world-${++this.counter}`,
      ]);
      const needs: { need_id: string; employer_id: string }[] = await this.db.query(
        `SELECT need_id, employer_id FROM proposal_need WHERE proposal_id = $1 ORDER BY need_id`,
        [proposalId],
      );
      for (const [index, municipality] of NEIGHBOURS[region].entries()) {
        const { need_id, employer_id } = needs[index + 1];
        await this.db.query(`UPDATE need SET municipality_code = $2 WHERE id = $1`, [
          need_id,
          municipality,
        ]);
        await this.db.query(`UPDATE employer SET municipality_code = $2 WHERE id = $1`, [
          employer_id,
          municipality,
        ]);
      }
    }
    await this.t.app
      .get(LivingDraftWriter, { strict: false })
      .recomputeCounty(this.db.manager, county, null);
    const [row] = await this.db.query(
      `SELECT d.id FROM project_draft d JOIN proposal p ON p.county_code = d.county_code AND p.theme = d.theme
        WHERE p.id = $1`,
      [proposalId],
    );
    return row.id as string;
  }

  /** An offering of the region's learning centre, created through the API by the admin. */
  async offering(region: RegionName = 'orebro'): Promise<string> {
    const { municipality, learningCentreId } = REGIONS[region];
    const res = await this.http()
      .post('/api/v1/offerings')
      .set(this.auth('admin'))
      .send(
        validOfferingBody([this.competenceId], {
          learningCentreId,
          venueMunicipalityCode: municipality,
        }),
      );
    if (res.status !== 201) throw new Error(`offering: ${res.status} ${res.text}`);
    return res.body.id as string;
  }

  /** A queued matching run of one county, started by the admin. */
  async matchingRun(countyCode: string): Promise<string> {
    const res = await this.http()
      .post('/api/v1/admin/matching/runs')
      .set(this.auth('admin'))
      .send({ countyCode });
    if (res.status !== 202) throw new Error(`matching run: ${res.status} ${res.text}`);
    return res.body.runId as string;
  }

  /** A CSRF cookie (`name=value`) and the token its forms carry, from the staff login page. */
  async staffCsrf(): Promise<{ cookies: string; token: string }> {
    const res = await this.http().get('/logga-in').set('X-Forwarded-For', this.nextIp());
    const cookie = ([] as string[])
      .concat(res.headers['set-cookie'] ?? [])
      .find((c) => c.startsWith(`${CSRF_COOKIE}=`));
    const token = /name="_csrf" value="([^"]+)"/.exec(res.text)?.[1];
    if (!cookie || !token) throw new Error('no CSRF cookie/token on the staff login page');
    return { cookies: cookie.split(';')[0], token };
  }

  /** Row counts of every table a write endpoint can touch. */
  async rowCounts(): Promise<Record<string, number>> {
    const tables: { table_name: string }[] = await this.db.query(
      `SELECT table_name FROM information_schema.tables
        WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'migrations'
        ORDER BY table_name`,
    );
    const [row] = await this.db.query(
      `SELECT ${tables.map((t) => `(SELECT count(*) FROM "${t.table_name}")::int AS "${t.table_name}"`).join(', ')}`,
    );
    return row;
  }
}

/** Starts the app with every limit that would get in the way of many requests raised. */
export async function startWorld(env: Record<string, string> = {}): Promise<World> {
  const t = await startTestApp({
    ADMIN_EMAIL: WORLD_ADMIN.email,
    ADMIN_PASSWORD: WORLD_ADMIN.password,
    PUBLIC_RATE_LIMIT_PER_MINUTE: '1000000',
    LOGIN_RATE_LIMIT_PER_MINUTE: '1000000',
    MATCHING_RUNS_PER_HOUR: '1000000',
    OUTBOX_RELAY: 'off',
    ...env,
  });
  return new World(t).setUp();
}
