import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { QueueName, QueueRegistry } from '@km/queue';
import { MatcherModule } from '../../apps/matcher/src/matcher.module';
import { isoDay, validOfferingBody } from '../support/bodies';
import { eventually, needBody } from '../support/fixtures';
import { startWorld, World } from '../support/world';

const TRUCK = 'truckkort-a-b';
const EXCEL = 'excel-grundkurs';
const WELDING = 'svetsning-mig-mag';

/**
 * The incremental rematch of a new need (issue 25) through the real pipeline: the api's outbox
 * relay, the matcher's domain-event processor and PostgreSQL. A new need is matched on the start
 * windows it fits only; proposals on other windows keep their rows; runs of whole counties and
 * needs' own rematches never book one need or one window twice.
 */
describe('a single new need rematched on its own (matcher running)', () => {
  let w: World;
  let matcher: INestApplicationContext;
  const tokens = new Map<string, string>();

  const course = async (competenceId: string, venue: string, min: number, max: number) => {
    const res = await w
      .http()
      .post('/api/v1/offerings')
      .set(w.auth('admin'))
      .send(
        validOfferingBody([competenceId], {
          title: `Kurs i ${competenceId}`,
          learningCentreId: venue === '1883' ? 'lc-karlskoga' : 'lc-orebro',
          venueMunicipalityCode: venue,
          minParticipants: min,
          maxParticipants: max,
          startWindows: [{ from: isoDay(40), to: isoDay(60) }],
        }),
      );
    expect(res.status).toBe(201);
    return res.body.id as string;
  };

  const firm = async (municipalityCode: string, competence: string, total: number) => {
    const res = await w
      .http()
      .post('/api/v1/needs')
      .set('X-Forwarded-For', w.nextIp())
      .send(
        needBody({
          municipalityCode,
          competenceIds: [competence],
          participants: { total, women: 1, men: total - 1 },
        }),
      );
    expect(res.status).toBe(201);
    tokens.set(res.body.id, res.body.trackingToken);
    return res.body.id as string;
  };

  /** Nothing left to do: every event relayed and consumed, no run queued, delayed or running. */
  const settle = async () => {
    const queues = w.t.app.get(QueueRegistry);
    // The nightly run waits as a delayed repeatable job all along; it does not count.
    const busy = async (name: QueueName) => {
      const queue = queues.queue(name);
      const { waiting, active } = await queue.getJobCounts('waiting', 'active');
      const delayed = await queue.getJobs(['delayed']);
      return waiting + active + delayed.filter((j) => j.data?.trigger !== 'nightly').length;
    };
    let quietSince = 0;
    await eventually(async () => {
      const [{ n }] = await w.db.query(
        `SELECT (SELECT count(*) FROM outbox WHERE consumed_at IS NULL)
              + (SELECT count(*) FROM matching_run WHERE status IN ('queued', 'running'))::int AS n`,
      );
      const idle =
        Number(n) + (await busy(QueueName.DomainEvents)) + (await busy(QueueName.Matching)) === 0;
      // Quiet twice in a row, a debounce apart: an event may sit between relay and queue.
      if (!idle) quietSince = 0;
      else if (!quietSince) quietSince = Date.now();
      return idle && Date.now() - quietSince > 400 ? true : undefined;
    }, 60_000);
  };

  const openProposalOf = async (needId: string) => {
    const rows: { id: string; offering_id: string; needs: string[]; participants: number }[] =
      await w.db.query(
        `SELECT p.id, p.offering_id, p.participants_total AS participants,
                (SELECT array_agg(x.need_id::text ORDER BY x.need_id) FROM proposal_need x
                  WHERE x.proposal_id = p.id) AS needs
           FROM proposal p JOIN proposal_need pn ON pn.proposal_id = p.id
          WHERE p.status = 'open' AND pn.need_id = $1`,
        [needId],
      );
    expect(rows.length).toBeLessThanOrEqual(1);
    return rows[0];
  };

  const rowVersion = async (proposalId: string) =>
    (
      await w.db.query(`SELECT xmin::text AS v, status FROM proposal WHERE id = $1`, [proposalId])
    )[0] as { v: string; status: string };

  const needsInTwoOpenProposals = () =>
    w.db.query(
      `SELECT pn.need_id FROM proposal_need pn JOIN proposal p ON p.id = pn.proposal_id
        WHERE p.status = 'open' GROUP BY pn.need_id HAVING count(*) > 1`,
    );

  beforeAll(async () => {
    w = await startWorld({
      OUTBOX_RELAY: 'on',
      MATCH_DEBOUNCE_MS: '300',
      OUTBOX_POLL_MS: '50',
      LOG_LEVEL: 'silent',
    });
    matcher = await NestFactory.createApplicationContext(MatcherModule, { logger: false });
    await matcher.init();
  }, 60_000);

  afterAll(async () => {
    await matcher?.close();
    await w?.t.close();
  });

  let truckCourse: string;
  let truckNeeds: string[] = [];
  let excelProposal: string;

  it('a new need that completes a cohort is in an open proposal at once; the proposal on another window keeps its row', async () => {
    truckCourse = await course(TRUCK, '1880', 6, 12);
    await course(EXCEL, '1880', 4, 10);
    await firm('1880', EXCEL, 2);
    const lastExcel = await firm('1885', EXCEL, 2);
    truckNeeds = [await firm('1880', TRUCK, 2), await firm('1885', TRUCK, 2)];
    await settle();
    const excel = await openProposalOf(lastExcel);
    expect(excel).toBeDefined();
    excelProposal = excel.id;
    // Two firms of 2 are below the truck course's minimum of 6.
    for (const id of truckNeeds) expect(await openProposalOf(id)).toBeUndefined();
    const before = await rowVersion(excelProposal);
    const [{ last }] = await w.db.query(`SELECT max(created_at)::text AS last FROM matching_run`);

    const third = await firm('1883', TRUCK, 2);
    truckNeeds.push(third);
    const truck = await eventually(() => openProposalOf(third));
    expect(truck.offering_id).toBe(truckCourse);
    expect(truck.needs).toEqual([...truckNeeds].sort());
    await settle();

    // Its own rematch did it, and no rematch of the whole county followed.
    const runs: { local: string | null; windows: string | null }[] = await w.db.query(
      `SELECT counts->>'localNeedId' AS local, counts->>'windows' AS windows FROM matching_run
        WHERE created_at > $1::timestamptz`,
      [last],
    );
    expect(runs).toEqual([{ local: third, windows: '1' }]);
    expect(await rowVersion(excelProposal)).toEqual(before);
    const statuses = await w.db.query(`SELECT DISTINCT status FROM need WHERE id = ANY ($1)`, [
      truckNeeds,
    ]);
    expect(statuses).toEqual([{ status: 'proposed' }]);
  });

  it('a need that joins an open cohort supersedes only that cohort; the ESF draft follows', async () => {
    const before = (await openProposalOf(truckNeeds[0])).id;
    const excelRow = await rowVersion(excelProposal);
    const fourth = await firm('1880', TRUCK, 1);
    const joined = await eventually(async () => {
      const p = await openProposalOf(fourth);
      return p && p.id !== before ? p : undefined;
    });
    truckNeeds.push(fourth);
    expect(joined.needs).toEqual([...truckNeeds].sort());
    expect(joined.participants).toBe(7);
    expect((await rowVersion(before)).status).toBe('superseded');
    expect(await rowVersion(excelProposal)).toEqual(excelRow);
    await settle();
    const [draft] = await w.db.query(
      `SELECT document FROM project_draft WHERE county_code = '18' AND document::text LIKE '%' || $1 || '%'`,
      [joined.id],
    );
    expect(draft).toBeDefined();
  });

  it('a need that fits no start window is left to the full run of its county', async () => {
    const [{ last }] = await w.db.query(`SELECT max(created_at)::text AS last FROM matching_run`);
    const lonely = await firm('1880', WELDING, 2);
    await settle();
    const runs: { trigger: string; local: string | null; county: string }[] = await w.db.query(
      `SELECT trigger, counts->>'localNeedId' AS local, county_code AS county FROM matching_run
        WHERE created_at > $1::timestamptz`,
      [last],
    );
    expect(runs).toEqual([{ trigger: 'event', local: null, county: '18' }]);
    const [need] = await w.db.query(`SELECT status FROM need WHERE id = $1`, [lonely]);
    expect(need.status).toBe('unmet');
  });

  it('needs rematched on their own while runs of whole counties go on never double-book a need or overfill the window', async () => {
    const small = await course(WELDING, '1883', 2, 6);
    const requests = [
      ...['1883', '1883', '1880', '1885', '1883'].map((m) => firm(m, WELDING, 2)),
      w.http().post('/api/v1/admin/matching/runs').set(w.auth('admin')).send({ countyCode: '18' }),
      w.http().post('/api/v1/admin/matching/runs').set(w.auth('admin')).send({}),
    ];
    await Promise.all(requests);
    await settle();
    expect(await needsInTwoOpenProposals()).toEqual([]);
    const onWindow: { participants: number }[] = await w.db.query(
      `SELECT participants_total AS participants FROM proposal
        WHERE offering_id = $1 AND status IN ('open', 'approved')`,
      [small],
    );
    expect(onWindow).toHaveLength(1);
    expect(onWindow[0].participants).toBeLessThanOrEqual(6);
    expect(onWindow[0].participants).toBeGreaterThanOrEqual(2);
  });

  it('a withdrawn need leaves its cohort and a changed need is rematched by the full run', async () => {
    const [first, second, third] = truckNeeds;
    await w
      .http()
      .delete(`/api/v1/needs/track/${tokens.get(first)}`)
      .expect(200);
    await settle();
    expect(await openProposalOf(first)).toBeUndefined();
    // 2 + 2 + 1 left: below the minimum of 6 again.
    for (const id of [second, third]) expect(await openProposalOf(id)).toBeUndefined();

    await w
      .http()
      .patch(`/api/v1/needs/track/${tokens.get(second)}`)
      .send({ participants: { total: 4, women: 2, men: 2 } })
      .expect(200);
    await settle();
    const cohort = await openProposalOf(second);
    expect(cohort?.offering_id).toBe(truckCourse);
    expect(cohort.needs).not.toContain(first);
    expect(cohort.participants).toBeGreaterThanOrEqual(6);
    expect(await needsInTwoOpenProposals()).toEqual([]);
  });
});
