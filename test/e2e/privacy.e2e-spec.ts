import { Job, Queue } from 'bullmq';
import { APP_CONFIG, AppConfig } from '@km/config';
import { NeedExpiryService } from '@km/lifecycle';
import { TrackingLinkVault } from '@km/notifications';
import { RetentionService } from '@km/privacy';
import {
  bullConnection,
  JobName,
  PersonalDataRetentionPayload,
  QueueName,
  QueueRegistry,
} from '@km/queue';
import { MaintenanceProcessor } from '../../apps/matcher/src/processors/maintenance.processor';
import { PersonalDataRetentionScheduler } from '../../apps/matcher/src/processors/personal-data-retention.scheduler';
import { moveNeeds } from '../support/builders';
import { NeedFixture, startWorld, World } from '../support/world';

const RETENTION_DAYS = 30;

describe('personal data: retention and export', () => {
  let w: World;

  /** Moves a need's clock (and its personal data's): created, and maybe closed, `days` ago. */
  const age = async (needId: string, days: number, closing?: 'withdrawn' | 'expired') => {
    if (closing) await moveNeeds(w.db, [needId], closing);
    await w.db.query(
      `UPDATE need SET created_at = now() - make_interval(days => $2),
              updated_at = now() - make_interval(days => $2),
              withdrawn_at = CASE WHEN $3::text = 'withdrawn' THEN now() - make_interval(days => $2) END
        WHERE id = $1`,
      [needId, days, closing ?? null],
    );
    for (const table of ['contact', 'notification', 'need_tracking_link'])
      await w.db.query(
        `UPDATE ${table} SET created_at = now() - make_interval(days => $2) WHERE need_id = $1`,
        [needId, days],
      );
  };
  const notify = (needId: string | null, recipient: string, status: string, daysAgo: number) =>
    w.db.query(
      `INSERT INTO notification (event_key, recipient, template, subject, body, need_id, status, created_at)
       VALUES (gen_random_uuid()::text, $2, 'employer.proposal-approved', 'Hej', 'Hej Anna Åberg', $1, $3,
               now() - make_interval(days => $4))`,
      [needId, recipient, status, daysAgo],
    );
  const personalData = async (needId: string) => {
    const [row] = await w.db.query(
      `SELECT (SELECT count(*) FROM contact WHERE need_id = $1)::int AS contacts,
              (SELECT count(*) FROM notification WHERE need_id = $1)::int AS notifications,
              (SELECT count(*) FROM need_tracking_link WHERE need_id = $1)::int AS links`,
      [needId],
    );
    return row as { contacts: number; notifications: number; links: number };
  };
  const withPersonalData = async (needId: string) => {
    await notify(needId, 'anna@example.se', 'sent', 0);
    await w.t.app.get(TrackingLinkVault).store(w.db.manager, needId, `token-${needId}`);
  };

  beforeAll(async () => {
    w = await startWorld({
      PERSONAL_DATA_RETENTION_DAYS: String(RETENTION_DAYS),
      PERSONAL_DATA_RETENTION_BATCH: '2',
    });
  });
  afterAll(() => w?.t.close());

  describe('retention', () => {
    it('erases contacts, e-mails and links of needs past the period, in batches, audited; keeps statistics and everything recent or in a live initiative', async () => {
      const old = await w.need('orebro', 'received');
      const oldToo = await w.need('orebro', 'received');
      const recent = await w.need('orebro', 'received');
      const expiredLongAgo = await w.need('orebro', 'received');
      const expiredRecently = await w.need('orebro', 'received');
      for (const n of [old, oldToo, recent, expiredLongAgo, expiredRecently])
        await withPersonalData(n.needId);
      await age(old.needId, RETENTION_DAYS + 10);
      await age(oldToo.needId, RETENTION_DAYS + 400);
      await age(recent.needId, RETENTION_DAYS - 5);
      await age(expiredLongAgo.needId, RETENTION_DAYS + 1, 'expired');
      await age(expiredRecently.needId, 400);
      await moveNeeds(w.db, [expiredRecently.needId], 'expired');
      await w.db.query(`UPDATE need SET updated_at = now() - interval '3 days' WHERE id = $1`, [
        expiredRecently.needId,
      ]);
      // Initiatives: one still running (its employers are being served), one completed long ago,
      // one completed last week; all of needs submitted long ago.
      const initiativeNeeds = async (status: string, closedDaysAgo: number) => {
        const initiative = await w.initiative();
        await w.db.query(
          `UPDATE initiative SET status = $2, completed_women = 1, completed_men = 1,
                  status_changed_at = now() - make_interval(days => $3) WHERE id = $1`,
          [initiative, status, closedDaysAgo],
        );
        const ids: string[] = (
          await w.db.query(`SELECT need_id FROM initiative_need WHERE initiative_id = $1`, [
            initiative,
          ])
        ).map((r: { need_id: string }) => r.need_id);
        for (const id of ids) await age(id, 500);
        return ids;
      };
      const running = await initiativeNeeds('running', 0);
      const completedLongAgo = await initiativeNeeds('completed', RETENTION_DAYS + 2);
      const completedRecently = await initiativeNeeds('completed', 7);
      // E-mails to staff (no need): sent long ago → erased; pending or recent → kept.
      await notify(null, 'provider-old@world.test', 'sent', RETENTION_DAYS + 1);
      await notify(null, 'provider-pending@world.test', 'pending', RETENTION_DAYS + 1);
      await notify(null, 'provider-new@world.test', 'sent', 1);
      const statistics = async () =>
        (
          await w.db.query(`SELECT
            (SELECT count(*) FROM need)::int AS needs,
            (SELECT count(*) FROM employer)::int AS employers,
            (SELECT count(*) FROM need_competence)::int AS competences,
            (SELECT sum(participants_total) FROM need)::int AS participants`)
        )[0];
      const before = await statistics();
      const erased = [old.needId, oldToo.needId, expiredLongAgo.needId, ...completedLongAgo];
      const kept = [recent.needId, expiredRecently.needId, ...running, ...completedRecently];
      // Approving the initiatives wrote e-mails to their employers' contacts as well.
      let emails = 0;
      for (const id of erased) emails += (await personalData(id)).notifications;

      const processor = new MaintenanceProcessor(
        w.t.app.get<AppConfig>(APP_CONFIG),
        w.t.app.get(RetentionService),
        w.t.app.get(NeedExpiryService),
      );
      const result = await processor.process({
        name: JobName.PersonalDataRetention,
        data: { trigger: 'manual' },
      } as Job<PersonalDataRetentionPayload>);

      for (const id of erased)
        expect({ id, ...(await personalData(id)) }).toEqual({
          id,
          contacts: 0,
          notifications: 0,
          links: 0,
        });
      for (const id of kept) expect((await personalData(id)).contacts).toBe(1);
      for (const n of [recent, expiredRecently])
        expect(await personalData(n.needId)).toEqual({ contacts: 1, notifications: 1, links: 1 });
      expect(result).toMatchObject({
        retentionDays: RETENTION_DAYS,
        needs: erased.length,
        contacts: erased.length,
        notifications: emails,
        trackingLinks: 3,
        staffNotifications: 1,
        batches: Math.ceil(erased.length / 2),
      });
      const staff = await w.db.query(
        `SELECT recipient FROM notification WHERE recipient LIKE 'provider-%' ORDER BY recipient`,
      );
      expect(staff.map((r: { recipient: string }) => r.recipient)).toEqual([
        'provider-new@world.test',
        'provider-pending@world.test',
      ]);
      expect(await statistics()).toEqual(before);

      const audit = await w.db.query(
        `SELECT action, entity_type, entity_id, actor_role, after FROM audit_log
          WHERE action LIKE 'personal-data.%' ORDER BY id`,
      );
      expect(
        audit
          .filter((a: { action: string }) => a.action === 'personal-data.erase')
          .map((a: { entity_id: string }) => a.entity_id)
          .sort(),
      ).toEqual([...erased].sort());
      expect(audit.at(-1)).toMatchObject({
        action: 'personal-data.retention',
        entity_type: 'retention',
        actor_role: 'system',
        after: { needs: erased.length, staffNotifications: 1 },
      });

      // A second run finds nothing left to erase and writes no audit rows.
      const again = await w.t.app.get(RetentionService).eraseExpired();
      expect(again).toMatchObject({ needs: 0, staffNotifications: 0, batches: 0 });
      const [{ n }] = await w.db.query(
        `SELECT count(*)::int AS n FROM audit_log WHERE action LIKE 'personal-data.%'`,
      );
      expect(n).toBe(audit.length);
    });

    it('is scheduled in the matcher as a repeatable job on PERSONAL_DATA_RETENTION_CRON', async () => {
      const config = w.t.app.get<AppConfig>(APP_CONFIG);
      await new PersonalDataRetentionScheduler(
        config,
        w.t.app.get(QueueRegistry),
      ).onApplicationBootstrap();
      const queue = new Queue(QueueName.Maintenance, {
        connection: bullConnection(config.redis.url),
        prefix: config.redis.prefix,
      });
      try {
        const schedulers = await queue.getJobSchedulers();
        expect(schedulers).toEqual([
          expect.objectContaining({
            key: 'personal-data-retention',
            pattern: '30 3 * * *',
            name: JobName.PersonalDataRetention,
          }),
        ]);
      } finally {
        await queue.close();
      }
    });

    it('withdrawal erases the e-mails and the tracking link too', async () => {
      const need = await w.need('orebro', 'received');
      await withPersonalData(need.needId);
      await w.http().delete(`/api/v1/needs/track/${need.token}`).expect(200);
      expect(await personalData(need.needId)).toEqual({ contacts: 0, notifications: 0, links: 0 });
    });
  });

  describe('export', () => {
    let need: NeedFixture;
    let orgNumber: string;

    beforeAll(async () => {
      need = await w.need('orebro', 'received');
      await notify(need.needId, 'anna@example.se', 'sent', 0);
      [{ org_number: orgNumber }] = await w.db.query(
        `SELECT org_number FROM employer WHERE id = $1`,
        [need.employerId],
      );
    });

    it('gives an admin everything stored about an employer, and audits it', async () => {
      // A second need of the same employer, submitted through the API.
      const second = await w
        .http()
        .post('/api/v1/needs')
        .send({
          employer: {
            orgNumber,
            name: 'Fixtur AB',
            municipalityCode: '1880',
            sniSection: 'C',
            employees: 12,
          },
          contact: { name: 'Bo Ek', email: 'bo@example.se', phone: '070-7654321' },
          title: 'Heta arbeten',
          competenceIds: [w.competenceId],
          participants: { total: 2, women: 1, men: 1 },
          earliestStart: '2099-01-01',
          latestEnd: '2099-02-01',
          deliveryModes: ['onsite'],
          maxTravelKm: 30,
          language: 'sv',
          consent: true,
        });
      // The window lies too far ahead: proves nothing is stored for a rejected submission either.
      expect(second.status).toBe(400);

      const formatted = `${orgNumber.slice(0, 6)}-${orgNumber.slice(6)}`;
      const res = await w
        .http()
        .get(`/api/v1/admin/employers/${formatted}/export`)
        .set(w.auth('admin'))
        .expect(200);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.body.employer).toMatchObject({
        id: need.employerId,
        orgNumber,
        name: 'Fixtur AB',
        municipalityCode: '1880',
      });
      expect(res.body.needs).toHaveLength(1);
      expect(res.body.needs[0]).toMatchObject({
        id: need.needId,
        status: 'received',
        contact: { name: 'Anna Åberg', email: 'anna@example.se', phone: null },
        notifications: [expect.objectContaining({ recipient: 'anna@example.se', status: 'sent' })],
        trackingLinkStored: false,
        proposals: [],
        initiatives: [],
      });
      expect(res.body.needs[0].createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
      const audited = await w.db.query(
        `SELECT actor_email, actor_role, entity_id FROM audit_log WHERE action = 'employer.export'`,
      );
      expect(audited).toEqual([
        { actor_email: 'admin@world.test', actor_role: 'admin', entity_id: need.employerId },
      ]);

      // The export names the audit trail about the employer (here: the export just made).
      const again = await w
        .http()
        .get(`/api/v1/admin/employers/${orgNumber}/export`)
        .set(w.auth('admin'))
        .expect(200);
      expect(again.body.auditEntries).toEqual([
        expect.objectContaining({ action: 'employer.export', entityId: need.employerId }),
      ]);
    });

    it('answers 400 for a malformed organisationsnummer, 404 for an unknown one, 401/403 for others', async () => {
      const bad = await w
        .http()
        .get('/api/v1/admin/employers/556036-0794/export')
        .set(w.auth('admin'))
        .expect(400);
      expect(bad.headers['content-type']).toMatch(/problem\+json/);
      expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'orgNumber' })]);
      await w
        .http()
        .get('/api/v1/admin/employers/212000-0142/export')
        .set(w.auth('admin'))
        .expect(404);
      await w.http().get(`/api/v1/admin/employers/${orgNumber}/export`).expect(401);
      await w
        .http()
        .get(`/api/v1/admin/employers/${orgNumber}/export`)
        .set(w.auth('brokerOwn'))
        .expect(403);
    });

    it('gives the holder of a tracking token the data of that need, audited; unknown token 404', async () => {
      const res = await w.http().get(`/api/v1/needs/track/${need.token}/export`).expect(200);
      expect(res.body).toMatchObject({
        employer: { orgNumber, name: 'Fixtur AB' },
        need: {
          id: need.needId,
          contact: { email: 'anna@example.se' },
          notifications: [expect.objectContaining({ recipient: 'anna@example.se' })],
        },
      });
      expect(JSON.stringify(res.body)).not.toContain('employerId');
      const [audited] = await w.db.query(
        `SELECT actor_id, entity_type, entity_id FROM audit_log WHERE action = 'need.export'`,
      );
      expect(audited).toEqual({ actor_id: null, entity_type: 'need', entity_id: need.needId });

      await w
        .http()
        .get(`/api/v1/needs/track/${'x'.repeat(43)}/export`)
        .expect(404);
      await w.http().get('/api/v1/needs/track/short/export').expect(404);

      // After withdrawal the export shows the contact gone.
      await w.http().delete(`/api/v1/needs/track/${need.token}`).expect(200);
      const after = await w.http().get(`/api/v1/needs/track/${need.token}/export`).expect(200);
      expect(after.body.need).toMatchObject({
        status: 'withdrawn',
        contact: null,
        notifications: [],
      });
    });

    it('is documented in the OpenAPI document', async () => {
      const doc = await w.http().get('/docs-json').expect(200);
      expect(doc.body.paths).toHaveProperty(['/api/v1/admin/employers/{orgNumber}/export', 'get']);
      expect(doc.body.paths).toHaveProperty(['/api/v1/needs/track/{token}/export', 'get']);
    });
  });
});
