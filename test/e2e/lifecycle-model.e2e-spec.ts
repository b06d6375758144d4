import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { addDays, swedishToday } from '@km/common';
import { NeedExpiryService } from '@km/lifecycle';
import { hashTrackingToken, newTrackingToken } from '@km/needs';
import { MatchingRunService } from '@km/proposals';
import { validOfferingBody } from '../support/bodies';
import { insertNeed } from '../support/builders';
import { orgNumber, startWorld, World, WORLD_ADMIN } from '../support/world';
import { fakeDateOnly } from '../support/clock';

/**
 * Model-based test of the lifecycle rules: random sequences of intake, withdrawal, offering
 * edits and withdrawals, matching runs, approvals, rejections, cancellations, reopenings and
 * the clock, with the invariants of issue 22 checked after every step. Bounded (a few short
 * sequences, fixed seed) so it stays well under a minute.
 */
const SEED = Number(process.env.LIFECYCLE_MODEL_SEED ?? 22);
const RUNS = Number(process.env.LIFECYCLE_MODEL_RUNS ?? 4);
const STEPS = 18;

type Step =
  | { kind: 'intake'; participants: number; startIn: number; length: number }
  | { kind: 'withdrawNeed'; pick: number }
  | { kind: 'createOffering'; min: number; max: number; startIn: number }
  | { kind: 'editOffering'; pick: number; max: number; startIn: number; moveVenue: boolean }
  | { kind: 'withdrawOffering'; pick: number }
  | { kind: 'rematch' }
  | { kind: 'approve'; pick: number }
  | { kind: 'reject'; pick: number }
  | { kind: 'cancel'; pick: number }
  | { kind: 'reopen'; pick: number }
  | { kind: 'clock'; days: number };

const pick = fc.nat(1000);
const STEP: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('intake' as const),
      participants: fc.integer({ min: 1, max: 5 }),
      startIn: fc.integer({ min: 0, max: 40 }),
      length: fc.integer({ min: 15, max: 150 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('withdrawNeed' as const), pick }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('createOffering' as const),
      min: fc.integer({ min: 2, max: 4 }),
      max: fc.integer({ min: 5, max: 10 }),
      startIn: fc.integer({ min: 1, max: 40 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('editOffering' as const),
      pick,
      max: fc.integer({ min: 4, max: 10 }),
      startIn: fc.integer({ min: 1, max: 40 }),
      moveVenue: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('withdrawOffering' as const), pick }) },
  { weight: 3, arbitrary: fc.constant({ kind: 'rematch' as const }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('approve' as const), pick }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('reject' as const), pick }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cancel' as const), pick }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('reopen' as const), pick }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('clock' as const),
      days: fc.integer({ min: 1, max: 30 }),
    }),
  },
);

describe('lifecycle model', () => {
  let w: World;
  let counter = 0;
  const tokens = new Map<string, string>();

  beforeAll(async () => {
    w = await startWorld();
    fakeDateOnly(new Date());
  }, 60_000);

  afterAll(async () => {
    jest.useRealTimers();
    await w?.t.close();
  });

  const admin = () => w.auth('admin');
  const any = async <T>(sql: string, params: unknown[] = []): Promise<T[]> =>
    w.db.query(sql, params);
  const choose = <T>(items: T[], n: number): T | undefined =>
    items.length ? items[n % items.length] : undefined;

  async function apply(step: Step): Promise<void> {
    const today = swedishToday();
    switch (step.kind) {
      case 'intake': {
        const token = newTrackingToken();
        const women = Math.floor(step.participants / 2);
        const { needId } = await insertNeed(w.db, {
          municipalityCode: '1880',
          countyCode: '18',
          employer: { orgNumber: orgNumber(50_000 + ++counter), name: `Modell ${counter} AB` },
          status: 'received',
          title: 'Truckkort',
          participants: step.participants,
          women,
          earliestStart: addDays(today, step.startIn),
          latestEnd: addDays(today, step.startIn + step.length),
          maxTravelKm: 100,
          trackingTokenHash: hashTrackingToken(token),
          competenceIds: [w.competenceId],
          contact: { name: 'Kim', email: 'kim@example.se' },
        });
        tokens.set(needId, token);
        return;
      }
      case 'withdrawNeed': {
        const open = await any<{ id: string }>(
          `SELECT id FROM need WHERE status NOT IN ('withdrawn') ORDER BY id`,
        );
        const need = choose(open, step.pick);
        if (!need) return;
        const res = await w.http().delete(`/api/v1/needs/track/${tokens.get(need.id)}`);
        expect([200, 409]).toContain(res.status);
        return;
      }
      case 'createOffering': {
        const res = await w
          .http()
          .post('/api/v1/offerings')
          .set(admin())
          .send(
            validOfferingBody([w.competenceId], {
              learningCentreId: 'lc-orebro',
              venueMunicipalityCode: '1880',
              minParticipants: step.min,
              maxParticipants: step.max,
              durationDays: 5,
              startWindows: [
                { from: addDays(today, step.startIn), to: addDays(today, step.startIn + 20) },
              ],
            }),
          );
        expect(res.status).toBe(201);
        return;
      }
      case 'editOffering': {
        const live = await any<{ id: string; min_participants: number }>(
          `SELECT id, min_participants FROM offering WHERE deleted_at IS NULL ORDER BY id`,
        );
        const offering = choose(live, step.pick);
        if (!offering) return;
        const res = await w
          .http()
          .patch(`/api/v1/offerings/${offering.id}`)
          .set(admin())
          .send({
            maxParticipants: Math.max(step.max, offering.min_participants),
            startWindows: [
              { from: addDays(today, step.startIn), to: addDays(today, step.startIn + 20) },
            ],
            ...(step.moveVenue ? { venueMunicipalityCode: '1881' } : {}),
          });
        expect(res.status).toBe(200);
        return;
      }
      case 'withdrawOffering': {
        const live = await any<{ id: string }>(
          `SELECT id FROM offering WHERE deleted_at IS NULL ORDER BY id`,
        );
        const offering = choose(live, step.pick);
        if (!offering) return;
        await w.http().delete(`/api/v1/offerings/${offering.id}`).set(admin()).expect(204);
        return;
      }
      case 'rematch':
        await w.t.app.get(MatchingRunService).execute({
          id: `model-${randomUUID()}`,
          countyCode: '18',
          runId: null,
          trigger: 'manual',
        });
        return;
      case 'approve':
      case 'reject': {
        const open = await any<{ id: string }>(
          `SELECT id FROM proposal WHERE status = 'open' ORDER BY id`,
        );
        const proposal = choose(open, step.pick);
        if (!proposal) return;
        const res = await w
          .http()
          .post(`/api/v1/admin/proposals/${proposal.id}/${step.kind}`)
          .set(admin())
          .send(step.kind === 'reject' ? { reason: 'Passar inte' } : {});
        expect([step.kind === 'approve' ? 201 : 200, 409]).toContain(res.status);
        return;
      }
      case 'cancel': {
        const live = await any<{ id: string }>(
          `SELECT id FROM initiative WHERE status = 'planned' ORDER BY id`,
        );
        const initiative = choose(live, step.pick);
        if (!initiative) return;
        await w
          .http()
          .post(`/api/v1/admin/initiatives/${initiative.id}/status`)
          .set(admin())
          .send({ status: 'cancelled', reason: 'Modellen ställer in' })
          .expect(200);
        return;
      }
      case 'reopen': {
        const cancelled = await any<{ id: string }>(
          `SELECT id FROM initiative WHERE status = 'cancelled' ORDER BY id`,
        );
        const initiative = choose(cancelled, step.pick);
        if (!initiative) return;
        await w
          .http()
          .post(`/api/v1/admin/initiatives/${initiative.id}/reopen`)
          .set(admin())
          .expect(200);
        return;
      }
      case 'clock': {
        jest.setSystemTime(Date.now() + step.days * 86_400_000);
        // What the daily job does at midnight; the admin's token has expired meanwhile.
        await w.t.app.get(NeedExpiryService).expire();
        w.tokens.admin = await w.login(WORLD_ADMIN.email, WORLD_ADMIN.password);
        return;
      }
    }
  }

  async function checkInvariants(after: Step): Promise<void> {
    const today = swedishToday();
    const context = `after ${JSON.stringify(after)} (today ${today})`;
    const violations = {
      openOnWithdrawnOffering: await any(
        `SELECT p.id FROM proposal p JOIN offering o ON o.id = p.offering_id
          WHERE p.status = 'open' AND o.deleted_at IS NOT NULL`,
      ),
      openWithGoneNeed: await any(
        `SELECT p.id, n.status FROM proposal p JOIN proposal_need pn ON pn.proposal_id = p.id
           JOIN need n ON n.id = pn.need_id
          WHERE p.status = 'open' AND n.status IN ('withdrawn', 'expired', 'matched')`,
      ),
      openStartingInPast: await any(
        `SELECT id, start_date::text FROM proposal WHERE status = 'open' AND start_date < $1::date`,
        [today],
      ),
      initiativeCountingWithdrawn: await any(
        `SELECT i.id FROM initiative i JOIN initiative_need ino ON ino.initiative_id = i.id
           JOIN need n ON n.id = ino.need_id
          WHERE i.status IN ('planned', 'running') AND ino.committed AND n.status <> 'matched'`,
      ),
      initiativeMiscounted: await any(
        `SELECT i.id, i.participants_total, s.total FROM initiative i
           JOIN LATERAL (SELECT coalesce(sum(n.participants_total), 0)::int AS total
                           FROM initiative_need ino JOIN need n ON n.id = ino.need_id
                          WHERE ino.initiative_id = i.id AND ino.committed) s ON true
          WHERE i.status IN ('planned', 'running') AND i.participants_total <> s.total`,
      ),
      // Over capacity only where the provider lowered it afterwards (the broker is told).
      windowOverCapacity: await any(
        `SELECT o.id, p.start_window_from, sum(i.participants_total)::int AS taken, o.max_participants
           FROM initiative i JOIN proposal p ON p.id = i.proposal_id JOIN offering o ON o.id = i.offering_id
          WHERE i.status IN ('planned', 'running')
          GROUP BY o.id, p.start_window_from
         HAVING sum(i.participants_total) > o.max_participants
            AND NOT bool_or(i.attention @> '[{"kind": "offering-changed"}]')`,
      ),
    };
    expect({ context, ...violations }).toEqual({
      context,
      openOnWithdrawnOffering: [],
      openWithGoneNeed: [],
      openStartingInPast: [],
      initiativeCountingWithdrawn: [],
      initiativeMiscounted: [],
      windowOverCapacity: [],
    });
  }

  it('keeps needs, offerings, proposals and initiatives true to each other over random sequences', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(STEP, { minLength: 8, maxLength: STEPS }), async (steps) => {
        for (const step of steps) {
          await apply(step);
          await checkInvariants(step);
        }
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    // The sequences reached the interesting states, not only empty lists.
    const [reached] = await any<Record<string, number>>(
      `SELECT (SELECT count(*) FROM initiative)::int AS initiatives,
              (SELECT count(*) FROM initiative WHERE status = 'cancelled')::int AS cancelled,
              (SELECT count(*) FROM proposal WHERE status = 'superseded')::int AS superseded,
              (SELECT count(*) FROM need WHERE status = 'expired')::int AS expired`,
    );
    expect(reached.initiatives).toBeGreaterThan(0);
    expect(reached.superseded).toBeGreaterThan(0);
  }, 120_000);
});
