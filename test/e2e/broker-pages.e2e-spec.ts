import { randomUUID } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { CSRF_COOKIE, SESSION_COOKIE } from '../../apps/api/src/staff/staff-session';
import { isoDay } from '../support/bodies';
import { AccountName, NeedFixture, startWorld, World } from '../support/world';

/**
 * Mäklarvyn over HTTP: the queue, a proposal a broker can decide from, approve/reject as form
 * posts (PRG, exactly once, "redan beslutad"), refused attempts (forged form, another region)
 * that change nothing and are audited, initiatives and needs, the needs API's scopes, and the
 * staff session's renewal and absolute limit.
 */
describe('broker pages (/maklare)', () => {
  let w: World;
  let csrf: { cookies: string; token: string };

  const cookie = (account: AccountName, token = w.tokens[account]) =>
    `${csrf.cookies}; ${SESSION_COOKIE}=${token}`;
  const page = (path: string, account: AccountName = 'brokerOwn') =>
    w.http().get(path).set('Cookie', cookie(account));
  const post = (
    path: string,
    form: Record<string, string>,
    account: AccountName = 'brokerOwn',
    withToken = true,
  ) =>
    w
      .http()
      .post(path)
      .set('Cookie', cookie(account))
      .type('form')
      .send(withToken ? { _csrf: csrf.token, ...form } : form);
  const statusOf = async (id: string) =>
    (await w.db.query(`SELECT status FROM proposal WHERE id = $1`, [id]))[0].status as string;
  const audit = (action: string, entityId: string) =>
    w.db.query(`SELECT actor_email, after FROM audit_log WHERE action = $1 AND entity_id = $2`, [
      action,
      entityId,
    ]);

  /** A joint proposal over an offering of Lärcentrum Örebro, with a near miss left out. */
  async function jointProposal(): Promise<{
    id: string;
    members: NeedFixture[];
    nearMiss: NeedFixture;
  }> {
    const offering = await w.offering('orebro');
    const members = [await w.need('orebro'), await w.need('orebro'), await w.need('orebro')];
    const nearMiss = await w.need('orebro');
    await w.db.query(`UPDATE employer SET name = $2 WHERE id = $1`, [
      members[0].employerId,
      '<script>alert(1)</script> Bygg AB',
    ]);
    await w.db.query(`UPDATE employer SET name = 'Hallsbergs Bygg AB' WHERE id = $1`, [
      nearMiss.employerId,
    ]);
    const id = await w.proposal('orebro', members);
    await w.db.query(
      `UPDATE proposal SET kind = 'joint_initiative', offering_id = $2, start_window_from = $3,
              start_window_to = $4, start_date = $3, cost_per_participant_sek = 2722.22,
              explanation = $5 WHERE id = $1`,
      [
        id,
        offering,
        isoDay(30),
        isoDay(60),
        JSON.stringify({
          summary: 'x',
          factors: [{ name: 'poäng', value: 17.917, weight: 1, detail: 'summan' }],
          leftOut: [
            { needId: nearMiss.needId, cause: 'distance', reason: 'avstånd 53 km > max 50 km' },
          ],
          whatIf: [
            {
              kind: 'relax_constraint',
              needId: nearMiss.needId,
              constraint: 'distance',
              requiredValue: 53,
              text: 'x',
            },
          ],
        }),
      ],
    );
    return { id, members, nearMiss };
  }

  beforeAll(async () => {
    w = await startWorld();
    csrf = await w.staffCsrf();
  }, 60_000);
  afterAll(() => w?.t.close());

  it('the queue shows the broker its own open proposals with counts, escaped, and filters', async () => {
    const own = await jointProposal();
    const other = await w.proposal('sormland');
    const res = await page('/maklare').expect(200);
    expect(res.text).toContain('<h1>Förslag</h1>');
    expect(res.text).toContain(`href="/maklare/forslag/${own.id}"`);
    expect(res.text).not.toContain(other);
    expect(res.text).toMatch(/Att granska: \d+/);
    expect(res.text).not.toMatch(/joint_initiative|new_initiative|score/);
    // Only new_initiative proposals under that filter.
    const filtered = await page('/maklare?typ=ny').expect(200);
    expect(filtered.text).not.toContain(`/maklare/forslag/${own.id}"`);
    // The second look says what changed since the first.
    const seen = (res.headers['set-cookie'] as unknown as string[]).find((c) =>
      c.startsWith('km_maklare_sedd='),
    )!;
    const again = await w
      .http()
      .get('/maklare')
      .set('Cookie', `${cookie('brokerOwn')}; ${seen.split(';')[0]}`)
      .expect(200);
    expect(again.text).toContain('sedan du senast tittade');
    // Regional staff and providers are told whom the pages are for.
    const regional = await page('/maklare', 'regionalOwn').expect(403);
    expect(regional.text).toContain('Sidan är till för kompetensmäklare och administratörer.');
    // Without a session: to the login, and back here after it.
    const anonymous = await w.http().get('/maklare?status=approved').expect(303);
    expect(anonymous.headers.location).toBe('/logga-in?tillbaka=%2Fmaklare%3Fstatus%3Dapproved');
  });

  it('a proposal page has everything to decide from, in plain Swedish, and audits contact views', async () => {
    const { id, members, nearMiss } = await jointProposal();
    const res = await page(`/maklare/forslag/${id}`).expect(200);
    const text = res.text;
    expect(text).toContain('Varför det här förslaget');
    expect(text).toContain('Lärcentrum Örebro');
    expect(text).toContain('anna@example.se');
    expect(text).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Bygg AB');
    expect(text).not.toContain('<script>alert(1)');
    expect(text).toContain('Med 3 km längre resväg kommer Hallsbergs Bygg AB med.');
    expect(text).toContain('<svg');
    expect(text).not.toMatch(/poäng|17[,.]917|syskon|räknas med sin passning|score/);
    const views = await w.db.query(
      `SELECT entity_id FROM audit_log WHERE action = 'need.contact.view' AND actor_email = 'brokerown@world.test'`,
    );
    const viewed = views.map((v: { entity_id: string }) => v.entity_id);
    for (const m of members) expect(viewed).toContain(m.needId);
    expect(viewed).not.toContain(nearMiss.needId);
    // Another county's broker: a Swedish 403 page.
    const other = await page(`/maklare/forslag/${id}`, 'brokerOther').expect(403);
    expect(other.text).toContain('annat lärcentrums');
    await page('/maklare/forslag/p-finns-inte').expect(404);
  });

  it('approves once (PRG to the initiative); a second approval gets "redan beslutad", audited', async () => {
    const { id } = await jointProposal();
    const first = await post(`/maklare/forslag/${id}/godkann`, {
      anteckning: 'Klart med Anna',
    }).expect(303);
    expect(first.headers.location).toMatch(/^\/maklare\/insatser\/[0-9a-f-]{36}\?klart=godkant$/);
    const initiative = await page(first.headers.location).expect(200);
    expect(initiative.text).toContain('Förslaget är godkänt');
    const again = await post(`/maklare/forslag/${id}/godkann`, {}).expect(409);
    expect(again.text).toContain('Förslaget är redan beslutat');
    expect(again.text).toContain('godkändes');
    expect(again.text).toContain('av dig');
    expect(await audit('proposal.approve.refused', id)).toHaveLength(1);
    const shown = await page(`/maklare/forslag/${id}`).expect(200);
    expect(shown.text).toContain('Godkänt ');
    expect(shown.text).toContain('Klart med Anna');
  });

  it('the queue filters by competence, municipality and start month, with counts under them', async () => {
    const own = await jointProposal();
    const link = `href="/maklare/forslag/${own.id}"`;
    const shows = async (query: string) => (await page(`/maklare?${query}`).expect(200)).text;
    const month = isoDay(45).slice(0, 7);
    for (const query of [`kompetens=${w.competenceId}`, 'kommun=1880', `start=${month}`])
      expect(await shows(query)).toContain(link);
    for (const query of ['kompetens=ingen-sadan', 'kommun=0483', 'start=2039-01']) {
      const text = await shows(query);
      expect(text).not.toContain(link);
      expect(text).toContain('Att granska: 0');
    }
    // The options offer what the broker's own proposals have.
    const all = await shows('');
    expect(all).toContain(`value="${w.competenceId}"`);
    expect(all).toContain(`value="${month}"`);
  });

  it('rejects with a reason of 3–1000 characters, in Swedish', async () => {
    const { id } = await jointProposal();
    const empty = await post(`/maklare/forslag/${id}/avsla`, { skal: '  ' }).expect(400);
    expect(empty.text).toContain('Skriv varför du avslår förslaget.');
    expect(empty.text).toContain('error-summary');
    const long = await post(`/maklare/forslag/${id}/avsla`, { skal: 'x'.repeat(1001) }).expect(400);
    expect(long.text).toContain('högst 1 000 tecken');
    expect(await statusOf(id)).toBe('open');
    const ok = await post(`/maklare/forslag/${id}/avsla`, { skal: 'Vill ha kvällskurs' }).expect(
      303,
    );
    expect(ok.headers.location).toBe(`/maklare/forslag/${id}?beslut=avslaget`);
    const shown = await page(ok.headers.location).expect(200);
    expect(shown.text).toContain('Förslaget är avslaget');
    expect(shown.text).toContain('Vill ha kvällskurs');
    expect(await statusOf(id)).toBe('rejected');
  });

  it('forged posts and other regions change nothing and are audited', async () => {
    const { id } = await jointProposal();
    const forged = await post(`/maklare/forslag/${id}/godkann`, {}, 'brokerOwn', false).expect(403);
    expect(forged.text).toContain('Formuläret hade gått ut');
    const foreign = await w
      .http()
      .post(`/maklare/forslag/${id}/godkann`)
      .set('Cookie', cookie('brokerOwn'))
      .set('Origin', 'https://evil.example')
      .type('form')
      .send({ _csrf: csrf.token })
      .expect(403);
    expect(foreign.text).toContain('<html lang="sv">');
    const other = await post(`/maklare/forslag/${id}/godkann`, {}, 'brokerOther').expect(403);
    expect(other.text).toContain('annat lärcentrums');
    await post(`/maklare/forslag/${id}/avsla`, { skal: 'Inte vår' }, 'brokerOther').expect(403);
    expect(await statusOf(id)).toBe('open');
    const refused = await audit('proposal.approve.refused', id);
    expect(refused.map((r: { after: { reason: string } }) => r.after.reason).sort()).toEqual([
      'csrf',
      'csrf',
      'out-of-scope',
    ]);
    expect(await audit('proposal.reject.refused', id)).toHaveLength(1);
  });

  it('an initiative is started, gets its outcome, and another is cancelled after a confirmation', async () => {
    const first = await w.initiative('orebro');
    const list = await page('/maklare/insatser').expect(200);
    expect(list.text).toContain(`/maklare/insatser/${first}`);
    await post(`/maklare/insatser/${first}/starta`, {}).expect(303);
    // Starting twice: the lifecycle says no, in Swedish.
    const twice = await post(`/maklare/insatser/${first}/starta`, {}).expect(409);
    expect(twice.text).toContain('Insatsen har redan ändrats');
    const bad = await post(`/maklare/insatser/${first}/resultat`, {
      kvinnor: 'två',
      man: '',
    }).expect(400);
    expect(bad.text).toContain('Ange antalet kvinnor som en siffra');
    expect(bad.text).toContain('Ange hur många män');
    const tooMany = await post(`/maklare/insatser/${first}/resultat`, {
      kvinnor: '5',
      man: '5',
    }).expect(400);
    expect(tooMany.text).toContain('kan inte vara fler än');
    const done = await post(`/maklare/insatser/${first}/resultat`, {
      kvinnor: '2',
      man: '3',
    }).expect(303);
    expect(done.headers.location).toBe(`/maklare/insatser/${first}?klart=avslutad`);
    const shown = await page(done.headers.location).expect(200);
    expect(shown.text).toContain('5 deltagare gick hela utbildningen (2 kvinnor, 3 män)');

    const second = await w.initiative('orebro');
    const confirm = await page(`/maklare/insatser/${second}/stall-in`).expect(200);
    expect(confirm.text).toContain('Ja, ställ in insatsen');
    // A reason is asked for: without one the page comes back with an error summary.
    const noReason = await post(`/maklare/insatser/${second}/stall-in`, {}).expect(400);
    expect(noReason.text).toContain('Skriv varför insatsen ställs in.');
    await post(`/maklare/insatser/${second}/stall-in`, {
      skal: 'Lokalen är inte tillgänglig',
    }).expect(303);
    const [{ cancel_reason }] = await w.db.query(
      `SELECT cancel_reason FROM initiative WHERE id = $1`,
      [second],
    );
    expect(cancel_reason).toBe('Lokalen är inte tillgänglig');
    const [{ status }] = await w.db.query(`SELECT status FROM initiative WHERE id = $1`, [second]);
    expect(status).toBe('cancelled');
    await page(`/maklare/insatser/${second}`, 'brokerOther').expect(403);
    await page('/maklare/insatser/inte-ett-id').expect(404);
  });

  it('GET /api/v1/admin/needs/{id}: scoped like proposals, contact only for brokers and admins, audited', async () => {
    const need = await w.need('orebro');
    const get = (account: AccountName) =>
      w.http().get(`/api/v1/admin/needs/${need.needId}`).set(w.auth(account));
    const broker = await get('brokerOwn').expect(200);
    expect(broker.body.contact).toEqual({
      name: 'Anna Åberg',
      email: 'anna@example.se',
      phone: null,
    });
    expect(broker.body.employer.name).toBe('Fixtur AB');
    const regional = await get('regionalOwn').expect(200);
    expect(regional.body.contact).toBeNull();
    expect((await get('admin').expect(200)).body.contact).not.toBeNull();
    await get('brokerOther').expect(403);
    await get('regionalOther').expect(403);
    await get('providerOwn').expect(403);
    await w.http().get(`/api/v1/admin/needs/${randomUUID()}`).set(w.auth('admin')).expect(404);
    const views = await audit('need.contact.view', need.needId);
    expect(views.map((v: { actor_email: string }) => v.actor_email).sort()).toEqual([
      'admin@world.test',
      'brokerown@world.test',
    ]);
    const needPage = await page(`/maklare/behov/${need.needId}`).expect(200);
    expect(needPage.text).toContain('anna@example.se');
  });

  it('regional staff read a need page of their county without contact details or broker links', async () => {
    const need = await w.need('orebro');
    const proposal = await w.proposal('orebro', [need]);
    const before = (await audit('need.contact.view', need.needId)).length;
    const res = await page(`/maklare/behov/${need.needId}`, 'regionalOwn').expect(200);
    expect(res.text).not.toContain('anna@example.se');
    expect(res.text).toContain('Kontaktuppgifterna visas bara för kompetensmäklare');
    expect(res.text).not.toContain(`href="/maklare/forslag/${proposal}"`);
    expect(res.text).toContain('href="/uppfoljning"');
    expect(res.text).not.toMatch(/<form[^>]*method="post"[^>]*action="\/maklare/i);
    expect((await audit('need.contact.view', need.needId)).length).toBe(before);
    await page(`/maklare/behov/${need.needId}`, 'regionalOther').expect(403);
    // The rest of Mäklarvyn stays the brokers'.
    await page(`/maklare/forslag/${proposal}`, 'regionalOwn').expect(403);
  });

  it('the staff session is renewed while used and ends after a working day', async () => {
    const jwt = w.t.app.get(JwtService);
    const now = Math.floor(Date.now() / 1000);
    const [user] = await w.db.query(
      `SELECT id, token_version FROM app_user WHERE email = 'brokerown@world.test'`,
    );
    const claims = {
      sub: user.id,
      role: 'broker',
      learningCentreId: 'lc-orebro',
      ver: user.token_version,
    };
    const old = await jwt.signAsync({ ...claims, iat: now - 600 }, { jwtid: randomUUID() });
    const renewed = await page('/maklare', 'brokerOwn')
      .set('Cookie', cookie('brokerOwn', old))
      .expect(200);
    const fresh = (renewed.headers['set-cookie'] as unknown as string[]).find((c) =>
      c.startsWith(`${SESSION_COOKIE}=`),
    );
    expect(fresh).toMatch(/HttpOnly; SameSite=Strict/);
    const token = fresh!.split(';')[0].split('=')[1];
    const decoded = jwt.decode<{ auth_time: number; iat: number; sub: string }>(token);
    expect(decoded.auth_time).toBe(now - 600);
    expect(decoded.sub).toBe(user.id);
    expect(decoded.iat).toBeGreaterThanOrEqual(now);
    await page('/maklare').set('Cookie', cookie('brokerOwn', token)).expect(200);

    const dayOld = await jwt.signAsync({ ...claims, iat: now - 600, auth_time: now - 11 * 3600 });
    const ended = await page('/maklare').set('Cookie', cookie('brokerOwn', dayOld)).expect(303);
    expect(ended.headers.location).toBe('/logga-in?utgangen=1&tillbaka=%2Fmaklare');
    expect(CSRF_COOKIE).toBe('km_personal_csrf');
  });
});
