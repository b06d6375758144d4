import { SWEDISH_LABEL_MAPS } from '@km/labels';
import { SESSION_COOKIE } from '../../apps/api/src/staff/staff-session';
import { isoDay } from '../support/bodies';
import { AccountName, startWorld, World } from '../support/world';

/**
 * No page, export or e-mail shows a raw code: every status, kind, delivery mode, theme, flag and
 * band reads as its Swedish label from @km/labels. The codes are taken from the label module
 * itself, so a code added there is looked for here too.
 */

/** Codes that are also ordinary Swedish words (themes, "regional handläggare"). */
const WORDS = new Set([
  'regional',
  'logistik',
  'ledarskap',
  'livsmedel',
  'bygg',
  'el',
  'it',
  'produktion',
  'fordon',
  'ekonomi',
  'handel',
  'fastighet',
  'sprak',
  'vard',
  'svets',
]);

const CODES = [
  ...new Set(
    Object.entries(SWEDISH_LABEL_MAPS)
      .filter(([name]) => name !== 'LANGUAGE_SV')
      .flatMap(([, map]) => Object.keys(map)),
  ),
].filter((code) => code.length > 3 && !WORDS.has(code));

/** What a person reads: text, and the attributes a screen reader or tooltip shows. */
function visibleText(page: string): string {
  const withoutCode = page
    .replace(/<script[\s\S]*?<\/script>/gi, ' ')
    .replace(/<style[\s\S]*?<\/style>/gi, ' ');
  const attributes = [
    ...withoutCode.matchAll(/\s(?:title|aria-label|alt|placeholder)="([^"]*)"/gi),
  ].map((m) => m[1]);
  return [withoutCode.replace(/<[^>]+>/g, ' '), ...attributes]
    .join(' ')
    .replace(/&[a-z#0-9]+;/gi, ' ')
    .replace(/[\w.+-]+@[\w.-]+/g, ' ');
}

function rawCodes(text: string): string[] {
  return CODES.filter((code) =>
    new RegExp(`(^|[^\\p{L}\\d_-])${code.replace(/[+]/g, '\\+')}($|[^\\p{L}\\d_-])`, 'u').test(
      text,
    ),
  );
}

describe('Swedish labels: no raw code on a page, in an export or in an e-mail', () => {
  let w: World;
  let csrf: { cookies: string };

  const page = async (path: string, account: AccountName = 'brokerOwn') => {
    const res = await w
      .http()
      .get(path)
      .set('Cookie', `${csrf.cookies}; ${SESSION_COOKIE}=${w.tokens[account]}`);
    expect([path, res.status]).toEqual([path, 200]);
    return res.text;
  };

  beforeAll(async () => {
    w = await startWorld();
    csrf = await w.staffCsrf();
  }, 60_000);
  afterAll(() => w?.t.close());

  it('knows the codes it looks for', () => {
    expect(CODES).toEqual(
      expect.arrayContaining([
        'joint_initiative',
        'new_initiative',
        'onsite',
        'remote',
        'hybrid',
        'planned',
        'cancelled',
        'superseded',
        'under_30',
        'isced_3_4',
        'gender_balance',
        'offering-withdrawn',
        'hotell-restaurang',
      ]),
    );
    expect(rawCodes('Status: cancelled')).toEqual(['cancelled']);
    expect(rawCodes('Inställd, på distans')).toEqual([]);
  });

  it('the broker pages, the employer page, the dashboard, the exports and the e-mails', async () => {
    // A joint proposal over an offering, an initiative, a cancelled one, a draft, a need.
    const offering = await w.offering('orebro');
    const need = await w.need('orebro');
    const joint = await w.proposal('orebro', [need, await w.need('orebro')]);
    await w.db.query(
      `UPDATE proposal SET kind = 'joint_initiative', offering_id = $2, start_window_from = $3,
              start_window_to = $4, start_date = $3, cost_per_participant_sek = 2500 WHERE id = $1`,
      [joint, offering, isoDay(30), isoDay(60)],
    );
    const newInitiative = await w.proposal('orebro');
    const planned = await w.initiative('orebro');
    const cancelled = await w.cancelledInitiative('orebro');
    const draft = await w.projectDraft('orebro');

    const sources: [string, string][] = [];
    for (const path of [
      '/maklare',
      '/maklare?status=approved',
      `/maklare/forslag/${joint}`,
      `/maklare/forslag/${newInitiative}`,
      '/maklare/insatser',
      `/maklare/insatser/${planned}`,
      `/maklare/insatser/${cancelled}`,
      `/maklare/behov/${need.needId}`,
      '/maklare/utkast',
      `/maklare/utkast/${draft}`,
      `/maklare/utkast/${draft}/export.csv`,
    ])
      sources.push([path, await page(path)]);
    sources.push(['/uppfoljning', await page('/uppfoljning', 'regionalOwn')]);
    sources.push([
      '/api/v1/monitoring/export.csv',
      (await w.http().get('/api/v1/monitoring/export.csv').set(w.auth('regionalOwn')).expect(200))
        .text,
    ]);
    sources.push(['/behov/{token}', (await w.http().get(`/behov/${need.token}`).expect(200)).text]);
    const mails: { template: string; subject: string; body: string }[] = await w.db.query(
      `SELECT template, subject, body FROM notification ORDER BY created_at`,
    );
    // Approving and cancelling wrote e-mails (the walk over them is not vacuous).
    expect(mails.map((m) => m.template)).toEqual(
      expect.arrayContaining(['employer.proposal-approved', 'employer.initiative-status']),
    );
    for (const m of mails) sources.push([`e-mail ${m.template}`, `${m.subject}\n${m.body}`]);

    const found = sources.flatMap(([where, text]) =>
      rawCodes(where.includes('.csv') || where.startsWith('e-mail') ? text : visibleText(text)).map(
        (code) => `${where}: ${code}`,
      ),
    );
    expect(found).toEqual([]);
  });
});
