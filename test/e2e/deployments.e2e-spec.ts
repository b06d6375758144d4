import { execFileSync } from 'node:child_process';
import { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Client } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { MatcherModule } from '../../apps/matcher/src/matcher.module';
import { validOfferingBody } from '../support/bodies';
import { eventually, needBody } from '../support/fixtures';
import { freePort, startProcess, stopProcess, waitUntilReady } from '../support/processes';
import { createTestDatabase, migrateAndSeed } from '../support/test-database';
import { startTestApp, TestApp } from '../support/test-app';

const ADMIN = { email: 'admin@deployments.test', password: 'admin-password-123' };
const TRUCK = 'truckkort-a-b';

/** Settings a new user runs with: no REDIS_PREFIX, the shared local Redis. */
const DEFAULTS = {
  REDIS_PREFIX: '',
  ADMIN_EMAIL: ADMIN.email,
  ADMIN_PASSWORD: ADMIN.password,
  OUTBOX_POLL_MS: '100',
  MATCH_DEBOUNCE_MS: '200',
  PUBLIC_RATE_LIMIT_PER_MINUTE: '10000',
};

interface Database {
  url: string;
  drop: () => Promise<void>;
}

/** An api and a matcher in this process on one database, as `npm run dev` runs them. */
class Deployment {
  private constructor(
    readonly t: TestApp,
    private readonly matcher: INestApplicationContext,
  ) {}

  static async start(database: Database): Promise<Deployment> {
    const t = await startTestApp(DEFAULTS, { url: database.url, drop: async () => undefined });
    const matcher = await NestFactory.createApplicationContext(MatcherModule, { logger: false });
    await matcher.init();
    return new Deployment(t, matcher);
  }

  get db(): DataSource {
    return this.t.app.get(DataSource);
  }

  http() {
    return request(this.t.app.getHttpServer());
  }

  async offering(): Promise<void> {
    const login = await this.http().post('/api/v1/auth/login').send(ADMIN).expect(200);
    await this.http()
      .post('/api/v1/offerings')
      .set('Authorization', `Bearer ${login.body.accessToken}`)
      .send(
        validOfferingBody([TRUCK], {
          learningCentreId: 'lc-orebro',
          venueMunicipalityCode: '1880',
          minParticipants: 2,
          maxParticipants: 200,
        }),
      )
      .expect(201);
  }

  async submitNeeds(count: number): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const res = await this.http()
        .post('/api/v1/needs')
        .send(needBody({ municipalityCode: '1880', competenceIds: [TRUCK] }))
        .expect(201);
      ids.push(res.body.id);
    }
    return ids;
  }

  /** Open proposals per need (a need should be in exactly one). */
  async openProposalsOf(needIds: string[]): Promise<Map<string, number>> {
    const rows: { need_id: string; n: number }[] = await this.db.query(
      `SELECT pn.need_id, count(*)::int AS n FROM proposal_need pn
         JOIN proposal p ON p.id = pn.proposal_id AND p.status = 'open'
        WHERE pn.need_id = ANY ($1::uuid[]) GROUP BY pn.need_id`,
      [needIds],
    );
    return new Map(rows.map((row) => [row.need_id, row.n]));
  }

  /** Resolves once every need is in exactly one open proposal. */
  async proposed(needIds: string[], timeoutMs = 15_000): Promise<void> {
    await eventually(async () => {
      const counts = await this.openProposalsOf(needIds);
      return needIds.every((id) => counts.get(id) === 1) ? true : undefined;
    }, timeoutMs);
  }

  async stop(): Promise<void> {
    await this.matcher.close();
    await this.t.close();
  }
}

describe('deployments on one Redis: events are never dropped', () => {
  it('a second database on the same Redis with the default settings gets its needs proposed', async () => {
    const a = await createTestDatabase();
    const b = await createTestDatabase();
    try {
      const first = await Deployment.start(a);
      await first.offering();
      await first.proposed(await first.submitNeeds(3));
      await first.stop();

      // The same ids (outbox rows 1, 2, …) again, on the same Redis: proposed all the same.
      const second = await Deployment.start(b);
      try {
        await second.offering();
        const needs = await second.submitNeeds(3);
        const started = Date.now();
        await second.proposed(needs, 10_000);
        expect(Date.now() - started).toBeLessThan(10_000);
      } finally {
        await second.stop();
      }
    } finally {
      await a.drop();
      await b.drop();
    }
  }, 120_000);

  it('after a restore from a dump, every need submitted afterwards is proposed exactly once', async () => {
    // pg_dump/pg_restore on PATH match the machine's PostgreSQL server, so this test uses it.
    const admin = 'postgres://postgres@127.0.0.1:5432/postgres';
    const name = `km_test_restore_${randomBytes(4).toString('hex')}`;
    const url = admin.replace(/\/postgres$/, `/${name}`);
    const dir = mkdtempSync(join(tmpdir(), 'km-restore-'));
    const dump = join(dir, 'before.dump');
    const adminQuery = async (sql: string) => {
      const client = new Client({ connectionString: admin });
      await client.connect();
      await client.query(sql).finally(() => client.end());
    };
    await adminQuery(`CREATE DATABASE "${name}"`);
    const database = {
      url,
      drop: () => adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
    };
    try {
      await migrateAndSeed(url);
      let deployment = await Deployment.start(database);
      await deployment.offering();
      const beforeDump = await deployment.submitNeeds(2);
      await deployment.proposed(beforeDump);
      execFileSync('pg_dump', ['-Fc', '-f', dump, url]);
      // These events reuse outbox ids that the restore will hand out again.
      await deployment.proposed(await deployment.submitNeeds(2));
      await deployment.stop();

      execFileSync('pg_restore', ['--clean', '--if-exists', '--no-owner', '-d', url, dump]);

      deployment = await Deployment.start(database);
      try {
        const afterRestore = await deployment.submitNeeds(3);
        await deployment.proposed(afterRestore, 10_000);
        const counts = await deployment.openProposalsOf([...beforeDump, ...afterRestore]);
        expect([...counts.values()].every((n) => n === 1)).toBe(true);
        expect(counts.size).toBe(beforeDump.length + afterRestore.length);
      } finally {
        await deployment.stop();
      }
    } finally {
      await database.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('refuses to start with a REDIS_PREFIX another database uses, in one line naming it', async () => {
    const a = await createTestDatabase();
    const b = await createTestDatabase();
    const prefix = `kmtest-shared-${randomBytes(3).toString('hex')}`;
    try {
      const first = await startTestApp(
        { REDIS_PREFIX: prefix },
        { ...a, drop: async () => undefined },
      );
      await first.close();
      await expect(
        startTestApp({ REDIS_PREFIX: prefix }, { ...b, drop: async () => undefined }),
      ).rejects.toThrow(
        /^Configuration error: REDIS_PREFIX "kmtest-shared-\w+" is already used by another database/,
      );
    } finally {
      await a.drop();
      await b.drop();
    }
  });
});

describe('several instances: 2 api + 2 matcher processes on one PostgreSQL and Redis', () => {
  const COUNTIES = [
    { municipality: '1880', learningCentreId: 'lc-orebro' },
    { municipality: '0483', learningCentreId: 'viadidakt' },
    { municipality: '0583', learningCentreId: 'lc-motala' },
    { municipality: '1981', learningCentreId: 'lc-sala' },
  ];
  let database: Database;
  const children: ChildProcess[] = [];
  const apis: string[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    const env = { ...DEFAULTS, DATABASE_URL: database.url, HOST: '127.0.0.1' };
    for (let i = 0; i < 2; i++) {
      const port = await freePort();
      children.push(startProcess('api', { ...env, PORT: String(port) }));
      apis.push(`http://127.0.0.1:${port}`);
    }
    for (let i = 0; i < 2; i++) children.push(startProcess('matcher', env));
    // Each process compiles the sources at start (swc): slow on a busy 2-core machine.
    await Promise.all(apis.map((api) => waitUntilReady(api, 150_000)));
  }, 180_000);
  afterAll(async () => {
    await Promise.all(children.map((child) => stopProcess(child)));
    await database?.drop();
  });

  const post = async (api: string, path: string, body: unknown, token?: string) => {
    const res = await fetch(`${api}${path}`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify(body),
    });
    const json = (await res.json().catch(() => ({}))) as { id?: string; accessToken?: string };
    return { status: res.status, body: json };
  };

  it('login limits hold across both api processes: the 6th wrong password in a minute is a 429', async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 6; attempt++) {
      const res = await post(apis[attempt % 2], '/api/v1/auth/login', {
        email: '  Gissad@Deployments.test ',
        password: `wrong-password-${attempt}`,
      });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
  });

  it('200 needs over 4 counties, sent to either api, are each proposed exactly once', async () => {
    const login = await post(apis[0], '/api/v1/auth/login', ADMIN);
    expect(login.status).toBe(200);
    for (const county of COUNTIES) {
      const res = await post(
        apis[1],
        '/api/v1/offerings',
        validOfferingBody([TRUCK], {
          learningCentreId: county.learningCentreId,
          venueMunicipalityCode: county.municipality,
          minParticipants: 2,
          maxParticipants: 200,
        }),
        login.body.accessToken!,
      );
      expect(res.status).toBe(201);
    }
    const needIds: string[] = [];
    for (let batch = 0; batch < 20; batch++) {
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) => {
          const n = batch * 10 + i;
          return post(
            apis[n % 2],
            '/api/v1/needs',
            needBody({ municipalityCode: COUNTIES[n % 4].municipality, competenceIds: [TRUCK] }),
          );
        }),
      );
      for (const result of results) {
        expect(result.status).toBe(201);
        needIds.push(result.body.id!);
      }
    }
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      const counts = await eventually(
        async () => {
          const { rows } = await client.query(
            `SELECT n.id, count(p.id)::int AS open FROM need n
               LEFT JOIN proposal_need pn ON pn.need_id = n.id
               LEFT JOIN proposal p ON p.id = pn.proposal_id AND p.status = 'open'
              WHERE n.id = ANY ($1::uuid[]) GROUP BY n.id`,
            [needIds],
          );
          return rows.length === 200 && rows.every((row) => row.open >= 1) ? rows : undefined;
        },
        60_000,
        250,
      );
      expect(counts.every((row: { open: number }) => row.open === 1)).toBe(true);
      // Every event reached a consumer (each is marked right after its rematch is queued).
      const unconsumed = await eventually(async () => {
        const { rows } = await client.query(
          `SELECT count(*)::int AS n FROM outbox WHERE consumed_at IS NULL`,
        );
        return rows[0].n === 0 ? rows[0].n : undefined;
      }, 10_000);
      expect(unconsumed).toBe(0);
    } finally {
      await client.end();
    }
  }, 180_000);
});
