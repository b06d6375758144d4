/**
 * Security round 2 (issue 23): what the route-by-role tests cannot see — what answers contain
 * and what requests change. One `describe` per finding; each fails on the code before the fix.
 */
import { randomUUID } from 'node:crypto';
import { validNeedBody } from '../support/bodies';
import { startWorld, World } from '../support/world';

describe('security round 2', () => {
  let w: World;

  beforeAll(async () => {
    w = await startWorld();
  }, 60_000);
  afterAll(() => w?.t.close());

  const submit = async (employer: Record<string, unknown>) => {
    const body = validNeedBody([w.competenceId]);
    const res = await w
      .http()
      .post('/api/v1/needs')
      .set('X-Forwarded-For', w.nextIp())
      .send({ ...body, employer: { ...body.employer, ...employer } });
    expect(res.status).toBe(201);
    return res.body as { id: string; trackingToken: string };
  };
  const storedEmployer = async (orgNumber: string) =>
    (
      await w.db.query(
        `SELECT name, municipality_code, employees, size_band FROM employer WHERE org_number = $1`,
        [orgNumber],
      )
    )[0];

  describe('1. an anonymous submission never changes a stored employer', () => {
    const orgNumber = '5567037485';

    it('keeps the employer as it was; the hijacking need keeps what its submitter said', async () => {
      const first = await submit({
        orgNumber: '556703-7485',
        name: 'Bygg i Karlskoga 99 AB',
        municipalityCode: '1883',
        employees: 25,
      });
      const hijack = await submit({
        orgNumber: '556703-7485',
        name: 'Kapad Firma AB',
        municipalityCode: '0180',
        employees: 5000,
      });
      expect(await storedEmployer(orgNumber)).toEqual({
        name: 'Bygg i Karlskoga 99 AB',
        municipality_code: '1883',
        employees: 25,
        size_band: '10-49',
      });
      const [kept] = await w.db.query(`SELECT submitted_employer FROM need WHERE id = $1`, [
        hijack.id,
      ]);
      expect(kept.submitted_employer).toMatchObject({ name: 'Kapad Firma AB', employees: 5000 });
      // Each submitter sees its own words on its tracking page, nobody else's.
      const page = await w.http().get(`/behov/${first.trackingToken}`).expect(200);
      expect(page.text).toContain('Bygg i Karlskoga 99 AB');
      expect(page.text).not.toContain('Kapad');
    });

    it('lets a broker of the need’s region adopt a submitter’s details, audited; others 403', async () => {
      const update = await submit({
        orgNumber: '556703-7485',
        name: 'Bygg i Karlskoga AB',
        municipalityCode: '1880',
        employees: 30,
      });
      const url = `/api/v1/admin/employers/556703-7485/confirm`;
      await w
        .http()
        .post(url)
        .set(w.auth('brokerOther'))
        .send({ needId: update.id })
        .expect(403);
      await w
        .http()
        .post(url)
        .set(w.auth('brokerOwn'))
        .send({ needId: randomUUID() })
        .expect(404);
      const res = await w
        .http()
        .post(url)
        .set(w.auth('brokerOwn'))
        .send({ needId: update.id })
        .expect(200);
      expect(res.body).toMatchObject({
        orgNumber,
        name: 'Bygg i Karlskoga AB',
        municipalityCode: '1880',
        employees: 30,
        confirmedAt: expect.any(String),
      });
      expect((await storedEmployer(orgNumber)).name).toBe('Bygg i Karlskoga AB');
      const [audit] = await w.db.query(
        `SELECT actor_email, before->>'name' AS before, after->>'name' AS after
           FROM audit_log WHERE action = 'employer.confirm'`,
      );
      expect(audit).toEqual({
        actor_email: 'brokerown@world.test',
        before: 'Bygg i Karlskoga 99 AB',
        after: 'Bygg i Karlskoga AB',
      });
    });
  });

  describe('2. an employer’s export holds its own facts only', () => {
    it('has no staff notes, rejection reasons or other employers’ need ids', async () => {
      const own = await w.need('orebro', 'proposed');
      const other = await w.need('orebro', 'proposed');
      const note = 'Internt: har betalningsanmärkning, ring först';
      const proposal = await w.proposal('orebro', [own, other]);
      await w
        .http()
        .post(`/api/v1/admin/proposals/${proposal}/approve`)
        .set(w.auth('brokerOwn'))
        .send({ note })
        .expect(201);
      const offering = await w.offering('orebro');
      const reason = 'Internt: kursledaren vill inte ha dem';
      await w.db.query(
        `INSERT INTO rejected_pair (need_id, offering_id, reason) VALUES ($1, $2, $3)`,
        [own.needId, offering, reason],
      );

      const res = await w.http().get(`/api/v1/needs/track/${own.token}/export`).expect(200);
      const text = JSON.stringify(res.body);
      expect(text).not.toContain('Internt');
      expect(text).not.toContain(other.needId);
      expect(text).not.toContain(other.employerId);
      expect(res.body.need.rejections).toEqual([
        { offeringId: offering, rejectedAt: expect.any(String) },
      ]);
      expect(res.body.auditEntries).toContainEqual(
        expect.objectContaining({ action: 'proposal.approve', entityId: proposal }),
      );
      for (const entry of res.body.auditEntries) {
        expect(Object.keys(entry).sort()).toEqual(
          ['action', 'actorRole', 'createdAt', 'entityId', 'entityType', 'id'].sort(),
        );
      }
    });
  });
});
