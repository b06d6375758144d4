import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { MatchingRunService } from '@km/proposals';
import { isoDay, validNeedBody, validNeedForm, validOfferingBody } from '../support/bodies';
import { orgNumber, startWorld, World } from '../support/world';

/**
 * ESF project drafts with the real matcher: the living draft of a county × theme follows every
 * run and every broker decision, approved versions stay as they were, two counties never touch
 * each other's drafts, and the figures equal a computation from the rows the test inserted.
 */
describe('ESF project drafts', () => {
  let w: World;
  let org = 500;

  interface Firm {
    name: string;
    municipalityCode: string;
    employees: number;
    participants: { total: number; women: number; men: number };
    competenceId: string;
    ageBand?: string;
  }
  interface Offering {
    competenceId: string;
    venue: string;
    costFixedSek: number;
    costPerParticipantSek: number;
  }

  beforeAll(async () => {
    w = await startWorld();
  }, 60_000);

  afterAll(async () => {
    await w?.t.close();
  });

  const rematch = (countyCode: string) =>
    w.t.app.get(MatchingRunService).execute({
      id: `job-${randomUUID()}`,
      countyCode,
      runId: null,
      trigger: 'manual',
    });

  const offer = async (o: Offering) => {
    const res = await w
      .http()
      .post('/api/v1/offerings')
      .set(w.auth('admin'))
      .send(
        validOfferingBody([o.competenceId], {
          title:
            o.competenceId === 'lager-wms'
              ? 'Lagersystem för lagerpersonal'
              : `Kurs i ${o.competenceId}`,
          learningCentreId: 'lc-orebro',
          venueMunicipalityCode: o.venue,
          minParticipants: 4,
          maxParticipants: 30,
          costFixedSek: o.costFixedSek,
          costPerParticipantSek: o.costPerParticipantSek,
          startWindows: [{ from: isoDay(40), to: isoDay(70) }],
        }),
      );
    expect(res.status).toBe(201);
    return res.body.id as string;
  };

  const submit = async (f: Firm) => {
    const res = await w
      .http()
      .post('/api/v1/needs')
      .set('X-Forwarded-For', w.nextIp())
      .send(
        validNeedBody([f.competenceId], {
          employer: {
            orgNumber: orgNumber(++org),
            name: f.name,
            municipalityCode: f.municipalityCode,
            sniSection: 'C',
            employees: f.employees,
          },
          participants: f.participants,
          deliveryModes: ['onsite'],
          maxTravelKm: 200,
          maxCostPerParticipantSek: null,
          ...(f.ageBand ? { ageBand: f.ageBand, educationLevel: 'isced_3_4' } : {}),
        }),
      );
    expect(res.body.errors ?? []).toEqual([]);
    expect(res.status).toBe(201);
    return res.body.id as string;
  };

  const drafts = async (countyCode: string, as: 'brokerOwn' | 'admin' = 'admin') => {
    const res = await w
      .http()
      .get('/api/v1/admin/project-drafts')
      .query({ countyCode, limit: 100 })
      .set(w.auth(as))
      .expect(200);
    return res.body.items as DraftView[];
  };
  const draftOf = async (countyCode: string, theme: string) => {
    const found = (await drafts(countyCode)).filter((d) => d.theme === theme);
    expect(found).toHaveLength(1);
    return found[0];
  };
  const openProposals = async (countyCode: string) =>
    (
      await w
        .http()
        .get('/api/v1/admin/proposals')
        .query({ status: 'open', countyCode, limit: 200 })
        .set(w.auth('admin'))
        .expect(200)
    ).body.items as { id: string; offering?: { id: string } | null; offeringId?: string }[];

  /** The figures a draft must show, computed here from the firms and offerings themselves. */
  const expected = (cohorts: { firms: Firm[]; offering: Offering }[], nationalShare = 0.46) => {
    const firms = cohorts.flatMap((c) => c.firms);
    const total = firms.reduce((s, f) => s + f.participants.total, 0);
    const budget = cohorts.reduce((s, c) => {
      const size = c.firms.reduce((n, f) => n + f.participants.total, 0);
      return s + c.offering.costFixedSek + c.offering.costPerParticipantSek * size;
    }, 0);
    const national = Math.round(budget * nationalShare);
    return {
      employers: firms.map((f) => f.name).sort(),
      participants: {
        total,
        women: firms.reduce((s, f) => s + f.participants.women, 0),
        men: firms.reduce((s, f) => s + f.participants.men, 0),
      },
      budget: {
        totalSek: budget,
        nationalSek: national,
        esfSek: budget - national,
        costPerParticipantSek: Math.round((budget / total) * 100) / 100,
      },
      municipalities: new Set(firms.map((f) => f.municipalityCode)).size,
      smeEmployers: firms.filter((f) => f.employees < 250).length,
    };
  };
  const figures = (d: DraftView) => ({
    employers: d.employers.map((e) => e.name).sort(),
    participants: {
      total: d.participants.total,
      women: d.participants.women,
      men: d.participants.men,
    },
    budget: {
      totalSek: d.budget.totalSek,
      nationalSek: d.budget.nationalSek,
      esfSek: d.budget.esfSek,
      costPerParticipantSek: d.budget.costPerParticipantSek,
    },
    municipalities: d.municipalities.length,
    smeEmployers: d.smeEmployers,
  });

  it('follows every run and decision of its county; an approved version never changes', async () => {
    const truck: Offering = {
      competenceId: 'truckkort-a-b',
      venue: '1880',
      costFixedSek: 90_000,
      costPerParticipantSek: 2_000,
    };
    const wms: Offering = {
      competenceId: 'lager-wms',
      venue: '1880',
      costFixedSek: 40_000,
      costPerParticipantSek: 1_500,
    };
    await offer(truck);
    const firm = (
      name: string,
      municipalityCode: string,
      women: number,
      men: number,
      extra: Partial<Firm> = {},
    ): Firm => ({
      name,
      municipalityCode,
      employees: 12,
      participants: { total: women + men, women, men },
      competenceId: truck.competenceId,
      ...extra,
    });
    const firstThree = [
      firm('Åkeri Östra AB', '1880', 1, 2, { ageBand: 'under_30' }),
      firm('Bäckens Lager AB', '1885', 2, 1),
      firm('Ölands Gods AB', '1883', 1, 3, { employees: 320 }),
    ];
    for (const f of firstThree) await submit(f);
    await rematch('18');

    const first = await draftOf('18', 'logistik');
    expect(first.status).toBe('draft');
    expect(first.themeLabel).toBe('Lager och logistik');
    expect(figures(first)).toEqual(expected([{ firms: firstThree, offering: truck }]));
    expect(first.items.map((i) => i.kind)).toEqual(['proposal']);
    expect(first.ageBands).toEqual([
      { band: 'under_30', participants: 3 },
      { band: null, participants: 7 },
    ]);

    // A rematch that adds a firm: the same draft, with its employer, participants and budget.
    const fourth = firm('Dalens Truckar AB', '1880', 2, 2);
    await submit(fourth);
    await rematch('18');
    const grown = await draftOf('18', 'logistik');
    expect(grown.id).toBe(first.id);
    const four = [...firstThree, fourth];
    expect(figures(grown)).toEqual(expected([{ firms: four, offering: truck }]));
    expect(grown.employers.map((e) => e.name)).toContain('Dalens Truckar AB');

    // A second offering of the same theme: its cohort joins the draft as another proposal.
    await offer(wms);
    const wmsFirms = [
      // Four participants: a cohort of the offering, too few for a new course of their own.
      firm('Godsmottagning Syd AB', '1880', 1, 1, { competenceId: wms.competenceId }),
      firm('Plockarna i Laxå AB', '1860', 1, 1, { competenceId: wms.competenceId }),
    ];
    for (const f of wmsFirms) await submit(f);
    await rematch('18');
    const both = await draftOf('18', 'logistik');
    expect(both.items).toHaveLength(2);
    expect(figures(both)).toEqual(
      expected([
        { firms: four, offering: truck },
        { firms: wmsFirms, offering: wms },
      ]),
    );

    // Approving the truck proposal keeps it in the draft, now as an initiative.
    const open = await openProposals('18');
    const truckProposal = both.items.find((i) => i.title.includes('truckkort'))!;
    expect(open.map((p) => p.id)).toContain(truckProposal.proposalId);
    const approval = await w
      .http()
      .post(`/api/v1/admin/proposals/${truckProposal.proposalId}/approve`)
      .set(w.auth('brokerOwn'))
      .send({});
    expect(approval.status).toBe(201);
    const afterApproval = await draftOf('18', 'logistik');
    const kept = afterApproval.items.find((i) => i.proposalId === truckProposal.proposalId)!;
    expect(kept).toMatchObject({
      kind: 'initiative',
      initiativeId: approval.body.initiativeId,
      status: 'planned',
    });
    await rematch('18');
    expect(
      (await draftOf('18', 'logistik')).items.find(
        (i) => i.proposalId === truckProposal.proposalId,
      ),
    ).toMatchObject({ kind: 'initiative' });

    // Rejecting the other proposal takes it out at once, and no later run brings it back.
    const wmsProposal = afterApproval.items.find((i) => i.kind === 'proposal')!;
    await w
      .http()
      .post(`/api/v1/admin/proposals/${wmsProposal.proposalId}/reject`)
      .set(w.auth('brokerOwn'))
      .send({ reason: 'Arbetsgivarna vill vänta till hösten' })
      .expect(200);
    const afterReject = await draftOf('18', 'logistik');
    expect(afterReject.items.map((i) => i.proposalId)).not.toContain(wmsProposal.proposalId);
    expect(figures(afterReject)).toEqual(
      expect.objectContaining({
        participants: expected([{ firms: four, offering: truck }]).participants,
      }),
    );
    await rematch('18');
    const rerun = await draftOf('18', 'logistik');
    expect(rerun.items.map((i) => i.proposalId)).not.toContain(wmsProposal.proposalId);
    expect(rerun.items.filter((i) => i.kind === 'initiative')).toHaveLength(1);

    // Approve the draft: a snapshot with its own id and version 1.
    const approve = () =>
      w
        .http()
        .post(`/api/v1/admin/project-drafts/${rerun.id}/approve`)
        .set({ ...w.auth('brokerOwn'), 'Idempotency-Key': `approve-${rerun.id}` })
        .expect(201);
    const approved = await approve();
    // A retried request (same Idempotency-Key) gets the same version, not a second one.
    expect((await approve()).body.id).toBe(approved.body.id);
    expect(approved.body).toMatchObject({
      draftId: rerun.id,
      version: 1,
      status: 'approved',
      approvedByRole: 'broker',
    });
    expect(approved.body.id).not.toBe(rerun.id);
    const snapshot = approved.body as DraftView;
    // Approving again without a change is refused; the version stays the only one.
    const again = await w
      .http()
      .post(`/api/v1/admin/project-drafts/${rerun.id}/approve`)
      .set(w.auth('brokerOwn'))
      .expect(409);
    expect(again.body.detail).toMatch(/Nothing has changed since approved version 1/);
    const audit = await w
      .http()
      .get('/api/v1/admin/audit')
      .query({ entityType: 'project_draft', entityId: rerun.id })
      .set(w.auth('admin'))
      .expect(200);
    expect(audit.body.items.map((a: { action: string }) => a.action)).toContain(
      'project-draft.approve',
    );

    // Later runs change the living draft, never the snapshot.
    await submit(firm('Sista Lagret AB', '1880', 2, 2));
    await offer({ ...truck, costFixedSek: 30_000 });
    await rematch('18');
    const living = await w
      .http()
      .get(`/api/v1/admin/project-drafts/${rerun.id}`)
      .set(w.auth('brokerOwn'))
      .expect(200);
    expect(living.body.versions).toEqual([
      { id: snapshot.id, version: 1, approvedAt: snapshot.approvedAt },
    ]);
    expect(living.body.employers.map((e: { name: string }) => e.name)).toContain('Sista Lagret AB');
    const frozen = await w
      .http()
      .get(`/api/v1/admin/project-drafts/${snapshot.id}`)
      .set(w.auth('brokerOwn'))
      .expect(200);
    expect({ ...frozen.body, versions: [] }).toEqual({ ...snapshot, versions: [] });
    expect(frozen.body.employers.map((e: { name: string }) => e.name)).not.toContain(
      'Sista Lagret AB',
    );

    // The CSV of the snapshot, parsed back: Swedish labels only, decimal commas, no codes.
    const csv = await w
      .http()
      .get(`/api/v1/admin/project-drafts/${snapshot.id}/export`)
      .query({ format: 'csv' })
      .set(w.auth('brokerOwn'))
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const bytes = csv.body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows: string[][] = parse(bytes.toString('utf8'), { delimiter: ';', bom: true });
    expect(rows[0]).toEqual(['Avsnitt', 'Fält', 'Värde']);
    const value = (section: string, field: string) =>
      rows.find((r) => r[0] === section && r[1] === field)?.[2];
    const sums = expected([{ firms: four, offering: truck }]);
    expect(value('Projekt', 'Tema')).toBe('Lager och logistik');
    expect(value('Projekt', 'Status')).toBe('Godkänd version 1');
    expect(value('Budget', 'Total budget (kr)')).toBe(String(sums.budget.totalSek));
    expect(value('Budget', 'Nationell medfinansiering (kr)')).toBe(String(sums.budget.nationalSek));
    expect(value('Budget', 'Kostnad per deltagare (kr)')).toBe(
      sums.budget.costPerParticipantSek.toFixed(2).replace('.', ','),
    );
    expect(value('Budget', 'Kostnad per deltagare (kr)')).toMatch(/^\d+,\d{2}$/);
    expect(value('Deltagare', 'Kvinnor')).toBe(String(sums.participants.women));
    expect(value('Arbetsgivare', 'Antal arbetsgivare')).toBe('4');
    expect(value('Arbetsgivare', 'Andel små och medelstora företag (%)')).toBe('75');
    expect(rows.filter((r) => r[0] === 'Deltagande arbetsgivare').map((r) => r[1])).toEqual([
      // Swedish alphabetical order: Å and Ö after Z.
      'Bäckens Lager AB (Lindesberg)',
      'Dalens Truckar AB (Örebro)',
      'Åkeri Östra AB (Örebro)',
      'Ölands Gods AB (Karlskoga)',
    ]);
    expect(value('Villkor', 'Antal arbetsgivare')).toMatch(/^Uppfyllt\./);
    expect(value('Insats 1', 'Status')).toBe('Planerad');
    expect(value('Horisontella kriterier', 'Jämställdhet')).toMatch(/kvinnor/);
    // Real counts and names, never "<3"; no internal codes or decimal points anywhere.
    const cells = rows.flat();
    expect(cells).not.toContain('<3');
    const codeCells = /^(draft|empty|approved|open|planned|logistik|onsite)$/;
    const codeParts =
      /joint_initiative|new_initiative|isced_|under_30|55_plus|gender_balance|too_few/;
    expect(cells.filter((c) => codeCells.test(c) || codeParts.test(c))).toEqual([]);
    expect(cells.filter((c) => /^\d+\.\d+$/.test(c))).toEqual([]);
    expect(rows.some((r) => r[0] === 'Deltagare efter ålder' && r[1] === 'Under 30 år')).toBe(true);

    // The printable page: HTML for a logged-in broker, criteria in words.
    const page = await w
      .http()
      .get(`/api/v1/admin/project-drafts/${rerun.id}/print`)
      .set(w.auth('brokerOwn'))
      .expect(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('<html lang="sv">');
    expect(page.text).toContain('Lager och logistik – Örebro län');
    await w.http().get(`/api/v1/admin/project-drafts/${rerun.id}/print`).expect(401);
    await w
      .http()
      .get(`/api/v1/admin/project-drafts/${rerun.id}/print`)
      .set(w.auth('brokerOther'))
      .expect(403);
  }, 120_000);

  it('says what is missing in words and refuses to approve a draft that breaks the call rules', async () => {
    await offer({
      competenceId: 'hlr',
      venue: '0483',
      costFixedSek: 5_000,
      costPerParticipantSek: 500,
    });
    for (const name of ['Katrineholms Vård AB', 'Vingåkers Omsorg AB']) {
      await submit({
        name,
        municipalityCode: name.startsWith('Katrineholm') ? '0483' : '0428',
        employees: 20,
        participants: { total: 3, women: 3, men: 0 },
        competenceId: 'hlr',
      });
    }
    await rematch('04');
    const [d] = (await drafts('04')).filter((x) => x.status === 'draft');
    expect(d).toBeDefined();
    const missing = Object.fromEntries(d.criteria.map((c) => [c.name, c.missing]));
    expect(missing.employers).toBe('1 arbetsgivare till behövs.');
    expect(missing.municipalities).toBe('Arbetsgivare från 1 kommun till behövs.');
    expect(missing.budget_min).toMatch(/^Budgeten behöver öka med [\d ]+ kr\.$/);
    expect(missing.gender_balance).toMatch(/^\d+ män till behövs/);
    expect(d.eligible).toBe(false);
    const refused = await w
      .http()
      .post(`/api/v1/admin/project-drafts/${d.id}/approve`)
      .set(w.auth('admin'))
      .expect(409);
    expect(refused.headers['content-type']).toMatch(/problem\+json/);
    expect(refused.body.detail).toContain('1 arbetsgivare till behövs.');
  }, 60_000);

  it('the need form and the API take an optional age band and education level', async () => {
    const form = await w.http().get('/behov/ny').expect(200);
    expect(form.text).toContain('Deltagarnas ålder');
    expect(form.text).toContain('Deltagarnas utbildningsnivå');
    const fields = (overrides: Record<string, string>) =>
      validNeedForm('truckkort-a-b', {
        'employer.orgNumber': orgNumber(++org),
        'contact.email': `behov-${org}@example.se`,
        ...overrides,
      });
    const stored = await w
      .http()
      .post('/behov')
      .set('X-Forwarded-For', w.nextIp())
      .type('form')
      .send(fields({ ageBand: '55_plus', educationLevel: 'isced_0_2' }))
      .expect(303);
    expect(stored.headers.location).toMatch(/^\/behov\//);
    const [row] = await w.db.query(
      `SELECT n.age_band, n.education_level FROM need n JOIN contact c ON c.need_id = n.id
        WHERE c.email = $1`,
      [`behov-${org}@example.se`],
    );
    expect(row).toEqual({ age_band: '55_plus', education_level: 'isced_0_2' });
    // Left empty, both stay unknown; a value outside the list is a Swedish error on the field.
    await w
      .http()
      .post('/behov')
      .set('X-Forwarded-For', w.nextIp())
      .type('form')
      .send(fields({ ageBand: '', educationLevel: '' }))
      .expect(303);
    const wrong = await w
      .http()
      .post('/behov')
      .set('X-Forwarded-For', w.nextIp())
      .type('form')
      .send(fields({ ageBand: 'gammal' }))
      .expect(400);
    expect(wrong.text).toContain('Välj en åldersgrupp i listan, eller lämna fältet tomt.');
    const api = await w
      .http()
      .post('/api/v1/needs')
      .set('X-Forwarded-For', w.nextIp())
      .send(validNeedBody(['truckkort-a-b'], { educationLevel: 'isced_9' }))
      .expect(400);
    expect(api.body.errors.map((e: { field: string }) => e.field)).toEqual(['educationLevel']);
  });

  it('a pool across the border is filed under the county of most of its participants; reruns of either county leave the drafts as they are', async () => {
    // Fagersta (Västmanland, 19) employers and two Örebro län (18) employers, one course in Lindesberg (18).
    await offer({
      competenceId: 'svetsning-mig-mag',
      venue: '1885',
      costFixedSek: 80_000,
      costPerParticipantSek: 3_000,
    });
    const west: Firm[] = ['Fagersta Svets AB', 'Norbergs Metall AB', 'Sala Plåt AB'].map(
      (name, i) => ({
        name,
        municipalityCode: ['1982', '1962', '1981'][i],
        employees: 30,
        participants: { total: 4, women: 2, men: 2 },
        competenceId: 'svetsning-mig-mag',
      }),
    );
    const north: Firm[] = ['Lindesbergs Svets AB', 'Karlskoga Smide AB'].map((name, i) => ({
      name,
      municipalityCode: ['1885', '1883'][i],
      employees: 30,
      participants: { total: 3, women: 1, men: 2 },
      competenceId: 'svetsning-mig-mag',
    }));
    for (const f of [...west, ...north]) await submit(f);
    await rematch('19');
    await rematch('18');
    const theme = 'svets';
    // One cohort on the course's one window (the runs of both counties see all five firms): 12 of
    // its 18 participants are in Västmanland, so it belongs to Västmanland's draft.
    const d19 = await draftOf('19', theme);
    expect(d19.employers.map((e) => e.name).sort()).toEqual(
      [...west, ...north].map((f) => f.name).sort(),
    );
    expect(d19.items.every((i) => i.venueMunicipalityCode === '1885')).toBe(true);
    const in18 = (await drafts('18')).filter((d) => d.theme === theme);
    expect(in18.flatMap((d) => d.employers)).toEqual([]);

    // Runs of Örebro län again and again: Västmanland's draft stays exactly as it was.
    await rematch('18');
    await rematch('18');
    const again19 = await draftOf('19', theme);
    expect(again19).toEqual(d19);
    await rematch('19');
    expect(await draftOf('19', theme)).toEqual(d19);
    // One living draft per county × theme, whatever ran.
    const counts = await w.db.query(
      `SELECT county_code, theme, count(*)::int AS n FROM project_draft GROUP BY 1, 2 HAVING count(*) > 1`,
    );
    expect(counts).toEqual([]);
  }, 120_000);
});

interface DraftView {
  id: string;
  draftId: string;
  version: number | null;
  status: string;
  theme: string;
  themeLabel: string;
  approvedAt: string | null;
  eligible: boolean;
  employers: { name: string }[];
  municipalities: { code: string }[];
  participants: { total: number; women: number; men: number; notStated: number };
  ageBands: { band: string | null; participants: number }[];
  budget: { totalSek: number; esfSek: number; nationalSek: number; costPerParticipantSek: number };
  smeEmployers: number;
  criteria: { name: string; met: boolean; missing: string | null }[];
  items: {
    kind: string;
    proposalId: string;
    initiativeId: string | null;
    status: string;
    title: string;
    venueMunicipalityCode: string;
  }[];
  versions: { id: string; version: number; approvedAt: string }[];
}
