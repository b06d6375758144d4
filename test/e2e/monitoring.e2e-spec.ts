import { parse } from 'csv-parse/sync';
import { DataSource } from 'typeorm';
import {
  DraftSpec,
  generateDataset,
  insertDataset,
  MonitoringDataset,
  NeedSpec,
} from '../support/monitoring-fixtures';
import { isoDay, startWorld, World } from '../support/world';

/**
 * Regional monitoring: figures from the API against the same figures computed here, straight
 * from the fixture rows; small-count protection; the CSV; scopes; the dashboard's session.
 */

const LT3 = '<3';
type Figure = number | null | typeof LT3;

/** percentile_cont(0.5): the middle value, or the mean of the two middle values. */
function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
const round = (v: number, d: number) => Math.round(v * 10 ** d) / 10 ** d;
/** Suppressed when any employer count behind it is 1 or 2. */
const protect = (value: number | null, ...employerCounts: number[]): Figure =>
  employerCounts.some((n) => n > 0 && n < 3) ? LT3 : value;
const distinct = <T>(items: T[]) => new Set(items).size;
const sum = (needs: NeedSpec[], f: (n: NeedSpec) => number) => needs.reduce((s, n) => s + f(n), 0);

/** An independent reading of a dataset: what the summary should say for a county and period. */
class Expectation {
  private readonly employer;
  private readonly initiative;

  constructor(
    readonly data: MonitoringDataset,
    readonly county: string,
    readonly from: string,
    readonly to: string,
  ) {
    this.employer = new Map(data.employers.map((e) => [e.key, e]));
    this.initiative = new Map(data.initiatives.map((i) => [i.key, i]));
  }

  inPeriod = (daysAgo: number) => isoDay(-daysAgo) >= this.from && isoDay(-daysAgo) <= this.to;
  countyOf = (n: NeedSpec) => this.employer.get(n.employer)!.municipality.slice(0, 2);
  live = (n: NeedSpec) =>
    n.initiative !== undefined && this.initiative.get(n.initiative)!.status !== 'cancelled';

  needs(filter: (n: NeedSpec) => boolean = () => true): NeedSpec[] {
    return this.data.needs.filter(
      (n) => this.countyOf(n) === this.county && this.inPeriod(n.daysAgo) && filter(n),
    );
  }

  figures(needs: NeedSpec[]) {
    const employers = distinct(needs.map((n) => n.employer));
    const matched = needs.filter(this.live);
    const matchedEmployers = distinct(matched.map((n) => n.employer));
    const days = matched.map((n) => n.daysAgo - this.initiative.get(n.initiative!)!.daysAgo);
    const sme = distinct(
      needs.filter((n) => this.employer.get(n.employer)!.employees < 250).map((n) => n.employer),
    );
    const m = median(days);
    return {
      employers,
      needs: protect(needs.length, employers),
      participantsRequested: protect(
        sum(needs, (n) => n.total),
        employers,
      ),
      matchedNeeds: protect(matched.length, employers, matchedEmployers),
      matchRate: protect(
        needs.length ? round(matched.length / needs.length, 4) : null,
        employers,
        matchedEmployers,
      ),
      medianDaysToMatch: protect(m === null ? null : round(m, 1), matchedEmployers),
      smeShare: protect(employers ? round(sme / employers, 4) : null, employers),
    };
  }

  summary() {
    const needs = this.needs();
    const f = this.figures(needs);
    const proposed = needs.filter(
      (n) => n.initiative || n.proposal || n.status === 'proposed' || n.status === 'matched',
    );
    const women = sum(needs, (n) => n.women);
    const men = sum(needs, (n) => n.men);
    return {
      employers: protect(f.employers, f.employers),
      needs: f.needs,
      participantsRequested: f.participantsRequested,
      matchedNeeds: f.matchedNeeds,
      matchRate: f.matchRate,
      medianDaysToMatch: f.medianDaysToMatch,
      smeShare: f.smeShare,
      funnel: {
        received: f.needs,
        proposed: protect(proposed.length, f.employers, distinct(proposed.map((n) => n.employer))),
        matched: f.matchedNeeds,
      },
      participantsByGender: {
        women: protect(women, f.employers),
        men: protect(men, f.employers),
        notStated: protect(sum(needs, (n) => n.total) - women - men, f.employers),
      },
      ...this.initiativeFigures(),
      ...this.draftFigures(),
    };
  }

  initiativeFigures() {
    const inScope = this.data.initiatives.filter(
      (i) => i.county === this.county && this.inPeriod(i.daysAgo),
    );
    const employersOf = (key: string) =>
      new Set(this.data.needs.filter((n) => n.initiative === key).map((n) => n.employer));
    const live = inScope.filter((i) => i.status !== 'cancelled');
    const union = (keys: string[]) => new Set(keys.flatMap((k) => [...employersOf(k)])).size;
    const sizes = new Map<number, string[]>();
    for (const i of live) {
      const k = employersOf(i.key).size;
      sizes.set(k, [...(sizes.get(k) ?? []), i.key]);
    }
    const pooled = union(live.map((i) => i.key));
    const byStatus = (status: string) => {
      const keys = inScope.filter((i) => i.status === status).map((i) => i.key);
      return protect(keys.length, union(keys));
    };
    const mean = live.length
      ? round(live.reduce((s, i) => s + employersOf(i.key).size, 0) / live.length, 2)
      : null;
    return {
      initiatives: protect(live.length, pooled),
      initiativesByStatus: {
        planned: byStatus('planned'),
        running: byStatus('running'),
        completed: byStatus('completed'),
        cancelled: byStatus('cancelled'),
      },
      employersPerInitiative: protect(mean, pooled),
      employersPerInitiativeDistribution: [...sizes.entries()]
        .sort(([a], [b]) => a - b)
        .map(([employers, keys]) => ({
          employers,
          initiatives: protect(keys.length, union(keys)),
        })),
      pooledEmployers: protect(pooled, pooled),
    };
  }

  draftFigures() {
    const drafts = this.data.drafts.filter(
      (d) => d.county === this.county && d.status !== 'superseded' && this.inPeriod(d.daysAgo),
    );
    const count = (list: DraftSpec[]) =>
      protect(list.length, distinct(list.flatMap((d) => d.employers)));
    return {
      projectDrafts: count(drafts),
      projectDraftsByStatus: {
        draft: count(drafts.filter((d) => d.status === 'draft')),
        approved: count(drafts.filter((d) => d.status === 'approved')),
      },
    };
  }

  /** Unmet demand by competence × municipality, competence, municipality (unordered). */
  unmet() {
    const unmet = this.needs((n) => n.status === 'unmet');
    const municipality = (n: NeedSpec) => this.employer.get(n.employer)!.municipality;
    const group = <K extends string>(
      rows: { key: K; need: NeedSpec }[],
    ): Map<K, { employers: Figure; participants: Figure }> => {
      const groups = new Map<K, NeedSpec[]>();
      for (const r of rows) groups.set(r.key, [...(groups.get(r.key) ?? []), r.need]);
      return new Map(
        [...groups].map(([key, needs]) => {
          const e = distinct(needs.map((n) => n.employer));
          return [
            key,
            {
              employers: protect(e, e),
              participants: protect(
                sum(needs, (n) => n.total),
                e,
              ),
            },
          ];
        }),
      );
    };
    return {
      cross: group(
        unmet.flatMap((n) =>
          n.competences.map((c) => ({ key: `${c}|${municipality(n)}`, need: n })),
        ),
      ),
      byCompetence: group(unmet.flatMap((n) => n.competences.map((c) => ({ key: c, need: n })))),
      byMunicipality: group(unmet.map((n) => ({ key: municipality(n), need: n }))),
    };
  }

  /** Per month (by the day the need came in): the time-series metrics. */
  monthly(): Map<string, ReturnType<Expectation['figures']> & { initiatives: Figure }> {
    const months = new Map<string, NeedSpec[]>();
    for (const n of this.needs()) {
      const month = `${isoDay(-n.daysAgo).slice(0, 7)}-01`;
      months.set(month, [...(months.get(month) ?? []), n]);
    }
    const result = new Map();
    for (const [month, needs] of months) {
      const live = this.data.initiatives.filter(
        (i) =>
          i.county === this.county &&
          i.status !== 'cancelled' &&
          this.inPeriod(i.daysAgo) &&
          `${isoDay(-i.daysAgo).slice(0, 7)}-01` === month,
      );
      const employers = distinct(
        this.data.needs
          .filter((n) => live.some((i) => i.key === n.initiative))
          .map((n) => n.employer),
      );
      result.set(month, { ...this.figures(needs), initiatives: protect(live.length, employers) });
    }
    return result;
  }
}

/** Two employers in Södermanlands län, with numbers that must never show. */
const SMALL_COUNTY: MonitoringDataset = {
  employers: [
    { key: 's1', municipality: '0483', employees: 20 },
    { key: 's2', municipality: '0428', employees: 600 },
  ],
  needs: [
    {
      key: 'm1',
      employer: 's1',
      daysAgo: 30,
      total: 137,
      women: 60,
      men: 77,
      status: 'matched',
      competences: ['truckkort-a-b'],
      initiative: 'i5',
    },
    {
      key: 'm2',
      employer: 's2',
      daysAgo: 40,
      total: 241,
      women: 100,
      men: 141,
      status: 'matched',
      competences: ['truckkort-a-b'],
      initiative: 'i5',
    },
    {
      key: 'm3',
      employer: 's1',
      daysAgo: 25,
      total: 57,
      women: 20,
      men: 37,
      status: 'unmet',
      competences: ['ritningslasning'],
    },
  ],
  initiatives: [{ key: 'i5', county: '04', municipality: '0483', daysAgo: 10, status: 'planned' }],
  drafts: [],
};
const SECRET_NUMBERS = /\b(137|241|57|378|435|180|255)\b/;

describe('regional monitoring', () => {
  let w: World;
  let db: DataSource;
  let orebro: MonitoringDataset;
  const FROM = isoDay(-400);
  const TO = isoDay(0);
  const get = (path: string, account?: Parameters<World['auth']>[0]) => {
    const req = w.http().get(path);
    return account ? req.set(w.auth(account)) : req;
  };

  beforeAll(async () => {
    w = await startWorld({ OUTBOX_RELAY: 'off' });
    db = w.db;
    orebro = generateDataset({
      seed: 18,
      prefix: 'o',
      county: '18',
      municipalities: ['1880', '1885', '1883', '1860'],
      employers: 30,
      needs: 140,
      initiatives: 14,
      days: 330,
    });
    await insertDataset(db, orebro);
    await insertDataset(db, SMALL_COUNTY);
    // The targets' own period must cover the fixtures whenever the test runs.
    await db.query(
      `UPDATE region_target SET period_start = $1, period_end = NULL WHERE county_code = '18'`,
      [FROM],
    );
  }, 120_000);

  afterAll(async () => {
    await w?.t.close();
  });

  it('summary figures equal the figures computed from the inserted rows', async () => {
    const res = await get(`/api/v1/monitoring/summary?from=${FROM}&to=${TO}`, 'regionalOwn').expect(
      200,
    );
    const expected = new Expectation(orebro, '18', FROM, TO);
    expect(res.body).toMatchObject({
      countyCode: '18',
      countyName: 'Örebro län',
      from: FROM,
      to: TO,
      smallCountThreshold: 3,
      ...expected.summary(),
    });
    // The dataset is big enough that the headline figures are shown, not suppressed.
    for (const field of ['needs', 'matchRate', 'medianDaysToMatch', 'smeShare', 'initiatives']) {
      expect(typeof res.body[field]).toBe('number');
    }
    expect(typeof res.body.participantsByGender.women).toBe('number');

    const unmet = expected.unmet();
    type Row = {
      employers: Figure;
      participants: Figure;
      competenceId?: string;
      municipalityCode?: string;
    };
    const asMap = (rows: Row[], key: (r: Row) => string) =>
      new Map(rows.map((r) => [key(r), { employers: r.employers, participants: r.participants }]));
    expect(asMap(res.body.unmetDemand, (r) => `${r.competenceId}|${r.municipalityCode}`)).toEqual(
      unmet.cross,
    );
    expect(asMap(res.body.unmetByCompetence, (r) => r.competenceId!)).toEqual(unmet.byCompetence);
    expect(asMap(res.body.unmetByMunicipality, (r) => r.municipalityCode!)).toEqual(
      unmet.byMunicipality,
    );
    // Largest first; suppressed rows after every shown one.
    const shown = (res.body.unmetByCompetence as { participants: Figure }[]).map(
      (r) => r.participants,
    );
    const firstSuppressed = shown.indexOf(LT3);
    const numbers = firstSuppressed < 0 ? shown : shown.slice(0, firstSuppressed);
    expect(numbers.every((v) => typeof v === 'number')).toBe(true);
    expect([...numbers].sort((a, b) => (b as number) - (a as number))).toEqual(numbers);
    if (firstSuppressed >= 0)
      expect(shown.slice(firstSuppressed).every((v) => v === LT3)).toBe(true);
    const labels = res.body.unmetByCompetence.map(
      (r: { competenceLabel: string }) => r.competenceLabel,
    );
    expect(labels.some((l: string) => /[åäö]/.test(l))).toBe(true);
  });

  it('a narrower period counts only the needs (and initiatives) of that period', async () => {
    const from = isoDay(-60);
    const to = isoDay(-5);
    const res = await get(
      `/api/v1/monitoring/summary?countyCode=18&from=${from}&to=${to}`,
      'admin',
    ).expect(200);
    const expected = new Expectation(orebro, '18', from, to);
    expect(res.body).toMatchObject(expected.summary());
    expect(expected.needs().length).toBeLessThan(
      new Expectation(orebro, '18', FROM, TO).needs().length,
    );
  });

  it('targets: LC-KOMP style targets of Örebro län with actuals computed from the rows', async () => {
    const res = await get('/api/v1/monitoring/summary', 'regionalOwn').expect(200);
    const employer = new Map(orebro.employers.map((e) => [e.key, e]));
    const liveKeys = new Set(
      orebro.initiatives.filter((i) => i.status !== 'cancelled').map((i) => i.key),
    );
    const pooledNeeds = orebro.needs.filter((n) => n.initiative && liveKeys.has(n.initiative));
    const pooled = distinct(pooledNeeds.map((n) => n.employer));
    const women = sum(pooledNeeds, (n) => n.women);
    const men = sum(pooledNeeds, (n) => n.men);
    const approved = orebro.drafts.filter((d) => d.status === 'approved');
    const byMetric = Object.fromEntries(
      res.body.targets.map((t: { metric: string }) => [t.metric, t]),
    );
    expect(Object.keys(byMetric).sort()).toEqual([
      'employers_in_approved_esf_draft',
      'employers_with_initiative',
      'municipalities_with_initiative',
      'underrepresented_gender_share',
    ]);
    expect(byMetric.employers_with_initiative).toMatchObject({
      target: 11,
      unit: 'count',
      actual: pooled,
      name: 'Arbetsgivare som deltar i minst en gemensam insats',
    });
    expect(byMetric.employers_in_approved_esf_draft).toMatchObject({
      target: 8,
      actual: distinct(approved.flatMap((d) => d.employers)),
    });
    expect(byMetric.municipalities_with_initiative.actual).toBe(
      distinct(pooledNeeds.map((n) => employer.get(n.employer)!.municipality)),
    );
    expect(byMetric.underrepresented_gender_share).toMatchObject({
      target: 40,
      unit: 'percent',
      actual: round((Math.min(women, men) / (women + men)) * 100, 1),
    });
  });

  it('time series per month equal the monthly figures computed from the rows', async () => {
    const expected = new Expectation(orebro, '18', FROM, TO).monthly();
    const metrics = [
      'needs',
      'participantsRequested',
      'matchedNeeds',
      'matchRate',
      'medianDaysToMatch',
      'smeShare',
      'initiatives',
    ] as const;
    for (const metric of metrics) {
      const res = await get(
        `/api/v1/monitoring/timeseries?metric=${metric}&interval=month&from=${FROM}&to=${TO}`,
        'regionalOwn',
      ).expect(200);
      expect(res.body).toMatchObject({
        metric,
        interval: 'month',
        countyCode: '18',
        from: FROM,
        to: TO,
      });
      const points = res.body.points as { start: string; value: Figure }[];
      expect(points[0].start).toBe(`${FROM.slice(0, 7)}-01`);
      expect(points.at(-1)!.start).toBe(`${TO.slice(0, 7)}-01`);
      for (const p of points) {
        const month = expected.get(p.start);
        const want =
          month?.[metric] ??
          (metric === 'matchRate' || metric === 'medianDaysToMatch' || metric === 'smeShare'
            ? null
            : 0);
        expect({ start: p.start, value: p.value }).toEqual({ start: p.start, value: want });
      }
    }
    // Months with needs from ≥ 3 employers add up to the summary's total with the rest.
    const needs = await get(
      `/api/v1/monitoring/timeseries?metric=needs&from=${FROM}&to=${TO}`,
      'regionalOwn',
    ).expect(200);
    const shownTotal = needs.body.points
      .filter((p: { value: Figure }) => typeof p.value === 'number')
      .reduce((s: number, p: { value: number }) => s + p.value, 0);
    const suppressedMonths = [...expected.entries()].filter(([, m]) => m.needs === LT3);
    const hidden = suppressedMonths.reduce(
      (s, [month]) =>
        s + orebro.needs.filter((n) => `${isoDay(-n.daysAgo).slice(0, 7)}-01` === month).length,
      0,
    );
    expect(shownTotal + hidden).toBe(new Expectation(orebro, '18', FROM, TO).needs().length);
  });

  it('weekly series start on Mondays and default to the year up to today', async () => {
    const res = await get(
      '/api/v1/monitoring/timeseries?metric=needs&interval=week',
      'regionalOwn',
    ).expect(200);
    expect(res.body.to).toBe(TO);
    expect(res.body.points.length).toBeGreaterThanOrEqual(52);
    for (const p of res.body.points) expect(new Date(`${p.start}T00:00:00Z`).getUTCDay()).toBe(1);
  });

  it('a county with two employers shows "<3", never their numbers', async () => {
    for (const [account, query] of [
      ['admin', '?countyCode=04'],
      ['regionalOther', ''],
    ] as const) {
      const res = await get(`/api/v1/monitoring/summary${query}`, account).expect(200);
      const s = res.body;
      expect(s.countyCode).toBe('04');
      expect(s).toMatchObject({
        employers: LT3,
        needs: LT3,
        participantsRequested: LT3,
        matchedNeeds: LT3,
        matchRate: LT3,
        medianDaysToMatch: LT3,
        smeShare: LT3,
        funnel: { received: LT3, proposed: LT3, matched: LT3 },
        participantsByGender: { women: LT3, men: LT3, notStated: LT3 },
        initiatives: LT3,
        employersPerInitiative: LT3,
        pooledEmployers: LT3,
        employersPerInitiativeDistribution: [{ employers: 2, initiatives: LT3 }],
      });
      for (const row of [...s.unmetDemand, ...s.unmetByCompetence, ...s.unmetByMunicipality]) {
        expect(row).toMatchObject({ employers: LT3, participants: LT3 });
      }
      expect(JSON.stringify(s)).not.toMatch(SECRET_NUMBERS);

      const series = await get(
        `/api/v1/monitoring/timeseries?metric=participantsRequested${query ? `&${query.slice(1)}` : ''}`,
        account,
      ).expect(200);
      expect(series.body.points.some((p: { value: Figure }) => p.value === LT3)).toBe(true);
      expect(JSON.stringify(series.body)).not.toMatch(SECRET_NUMBERS);

      const csv = await get(`/api/v1/monitoring/export.csv${query}`, account).expect(200);
      expect(csv.text).toContain('<3');
      expect(csv.text).not.toMatch(SECRET_NUMBERS);
    }
  });

  it('the CSV opens in Excel: BOM, semicolons, Swedish headers and characters, "<3" kept', async () => {
    const res = await get(`/api/v1/monitoring/export.csv?from=${FROM}&to=${TO}`, 'regionalOwn')
      .buffer(true)
      .parse((response, callback) => {
        const chunks: Buffer[] = [];
        response.on('data', (c: Buffer) => chunks.push(c));
        response.on('end', () => callback(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="uppfoljning-18-${FROM}-${TO}.csv"`,
    );
    const bytes = res.body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text).toContain('\r\n');
    const rows: string[][] = parse(text, { delimiter: ';', bom: true, relax_column_count: false });
    expect(rows[0]).toEqual(['Avsnitt', 'Mått', 'Period', 'Kommun', 'Kompetens', 'Värde']);
    const value = (section: string, measure: string) =>
      rows.find((r) => r[0] === section && r[1] === measure)?.[5];
    const expected = new Expectation(orebro, '18', FROM, TO).summary();
    expect(value('Urval', 'Län')).toBe('Örebro län (18)');
    expect(value('Sammanfattning', 'Mottagna behov')).toBe(String(expected.needs));
    expect(value('Sammanfattning', 'Efterfrågade deltagare')).toBe(
      String(expected.participantsRequested),
    );
    expect(value('Sammanfattning', 'Andel matchade behov (%)')).toBe(
      String(round((expected.matchRate as number) * 100, 1)).replace('.', ','),
    );
    expect(value('Sammanfattning', 'Deltagare: kön ej angivet')).toBe(
      String(expected.participantsByGender.notStated),
    );
    expect(value('Mål', 'Arbetsgivare som deltar i minst en gemensam insats: mål')).toBe('11');
    const unmetRows = rows.filter((r) => r[0] === 'Ej tillgodosedd efterfrågan');
    expect(unmetRows.length).toBeGreaterThan(0);
    expect(unmetRows.some((r) => /[åäö]/.test(r[4]))).toBe(true);
    expect(unmetRows.some((r) => r[3] === 'Örebro (1880)')).toBe(true);
    const monthly = rows.filter((r) => r[0] === 'Per månad' && r[1] === 'Mottagna behov');
    expect(monthly.length).toBeGreaterThanOrEqual(12);
    expect(monthly.some((r) => r[5] === '<3' || /^\d+$/.test(r[5]))).toBe(true);
  });

  it('scopes: anonymous 401, provider and broker 403, regional only its own county, admin any', async () => {
    for (const path of ['summary', 'timeseries?metric=needs', 'export.csv']) {
      const anonymous = await get(`/api/v1/monitoring/${path}`).expect(401);
      expect(anonymous.headers['content-type']).toContain('application/problem+json');
      await get(`/api/v1/monitoring/${path}`, 'providerOwn').expect(403);
      await get(`/api/v1/monitoring/${path}`, 'brokerOwn').expect(403);
      const sep = path.includes('?') ? '&' : '?';
      const other = await get(
        `/api/v1/monitoring/${path}${sep}countyCode=04`,
        'regionalOwn',
      ).expect(403);
      expect(other.headers['content-type']).toContain('application/problem+json');
      await get(`/api/v1/monitoring/${path}${sep}countyCode=18`, 'regionalOwn').expect(200);
      await get(`/api/v1/monitoring/${path}${sep}countyCode=04`, 'admin').expect(200);
    }
    const nationwide = await get(`/api/v1/monitoring/summary?from=${FROM}`, 'admin').expect(200);
    expect(nationwide.body).toMatchObject({ countyCode: null, countyName: 'Hela landet' });
    expect(nationwide.body.needs).toBe(
      new Expectation(orebro, '18', FROM, TO).needs().length + SMALL_COUNTY.needs.length,
    );
  });

  it('bad query parameters are 400 problem+json naming the field', async () => {
    const cases: [string, string][] = [
      ['summary?countyCode=99', 'countyCode'],
      ['summary?countyCode=1', 'countyCode'],
      ['summary?from=2026-02-30', 'from'],
      ['summary?from=1-1-2026', 'from'],
      ['summary?to=2026-13-01', 'to'],
      ['summary?from=2026-05-01&to=2026-04-30', 'to'],
      ['summary?colour=blue', 'colour'],
      ['timeseries', 'metric'],
      ['timeseries?metric=everything', 'metric'],
      ['timeseries?metric=needs&interval=day', 'interval'],
      ['timeseries?metric=needs&interval=week&from=2010-01-01', 'from'],
      ['export.csv?interval=year', 'interval'],
    ];
    for (const [path, field] of cases) {
      const res = await get(`/api/v1/monitoring/${path}`, 'admin');
      expect({ path, status: res.status }).toEqual({ path, status: 400 });
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
  });

  it('the summary is documented in the OpenAPI document', async () => {
    const doc = (await w.http().get('/docs-json').expect(200)).body;
    for (const path of ['summary', 'timeseries', 'export.csv']) {
      expect(doc.paths[`/api/v1/monitoring/${path}`]?.get).toBeDefined();
    }
    expect(doc.components.schemas.SummaryResponseDto.properties).toHaveProperty('matchRate');
  });

  describe('the /uppfoljning dashboard behind the staff login', () => {
    const cookiesOf = (res: { headers: Record<string, unknown> }) =>
      ((res.headers['set-cookie'] as string[] | undefined) ?? []).map((c) => c.split(';')[0]);
    const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

    async function loginPage() {
      const res = await w.http().get('/logga-in').expect(200);
      return { cookie: cookiesOf(res).join('; '), csrf: csrfOf(res.text), html: res.text };
    }

    /** The response, after checking its status (with the body in the message when it differs). */
    const status = <R extends { status: number; text: string }>(res: R, expected: number): R => {
      expect({ status: res.status, body: res.status === expected ? '' : res.text }).toEqual({
        status: expected,
        body: '',
      });
      return res;
    };

    async function login(email: string, password: string, extra: Record<string, string> = {}) {
      const page = await loginPage();
      return w
        .http()
        .post('/logga-in')
        .set('X-Forwarded-For', w.nextIp())
        .set('Cookie', page.cookie)
        .set(extra)
        .type('form')
        .send({ _csrf: page.csrf, email, password });
    }

    it('anonymous visitors are sent to the Swedish login page', async () => {
      const res = await w.http().get('/uppfoljning').expect(303);
      expect(res.headers.location).toBe('/logga-in?tillbaka=%2Fuppfoljning');
      const page = await loginPage();
      expect(page.html).toContain('<html lang="sv">');
      expect(page.html).toContain('<h1>Logga in</h1>');
      expect(page.csrf).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(page.cookie).toMatch(/km_personal_csrf=/);
    });

    it('logs in with a session cookie that is HttpOnly and SameSite=Strict, not a way into the API', async () => {
      const res = status(await login('regionalown@world.test', 'account-password-1'), 303);
      expect(res.headers.location).toBe('/uppfoljning');
      const session = (res.headers['set-cookie'] as unknown as string[]).find((c) =>
        c.startsWith('km_personal='),
      )!;
      expect(session).toMatch(/HttpOnly/);
      expect(session).toMatch(/SameSite=Strict/);
      expect(session).toMatch(/Path=\//);
      expect(session).not.toMatch(/Secure/);
      const cookie = cookiesOf(res).join('; ');

      const dashboard = await w.http().get('/uppfoljning').set('Cookie', cookie).expect(200);
      expect(dashboard.text).toContain('Uppföljning – Örebro län');
      expect(dashboard.text).toContain('id="dashboard-data"');
      expect(dashboard.text).toContain('/assets/chart.umd.min.js');
      expect(dashboard.headers['content-security-policy']).toContain("script-src 'self'");
      // The cookie is not a way into the API.
      await w.http().get('/api/v1/monitoring/summary').set('Cookie', cookie).expect(401);
      // Another county is not for regional staff.
      await w.http().get('/uppfoljning?lan=04').set('Cookie', cookie).expect(403);
      const csv = await w.http().get('/uppfoljning/export.csv').set('Cookie', cookie).expect(200);
      expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');

      // Logging out needs the form's token and clears the cookie.
      const csrfCookie = cookiesOf(res).find((c) => c.startsWith('km_personal_csrf='))!;
      await w.http().post('/logga-ut').set('Cookie', cookie).type('form').send({}).expect(403);
      const out = await w
        .http()
        .post('/logga-ut')
        .set('Cookie', cookie)
        .type('form')
        .send({ _csrf: csrfOf(dashboard.text) })
        .expect(303);
      expect(out.headers.location).toBe('/logga-in?utloggad=1');
      expect((out.headers['set-cookie'] as unknown as string[]).join()).toMatch(
        /km_personal=;.*Expires=Thu, 01 Jan 1970/,
      );
      expect(csrfCookie).toBeDefined();
    });

    it('the cookie is Secure behind https', async () => {
      const res = status(
        await login('regionalown@world.test', 'account-password-1', {
          'X-Forwarded-Proto': 'https',
        }),
        303,
      );
      expect((res.headers['set-cookie'] as unknown as string[]).join()).toMatch(
        /km_personal=[^;]+;.*Secure/,
      );
    });

    it('refuses forged, wrong and unauthorised logins in Swedish', async () => {
      const page = await loginPage();
      const noToken = await w
        .http()
        .post('/logga-in')
        .set('X-Forwarded-For', w.nextIp())
        .set('Cookie', page.cookie)
        .type('form')
        .send({ email: 'regionalown@world.test', password: 'account-password-1' })
        .expect(403);
      expect(noToken.text).toContain('Formuläret hade gått ut');
      status(
        await login('regionalown@world.test', 'account-password-1', {
          Origin: 'https://evil.example',
        }),
        403,
      );
      const wrong = status(await login('regionalown@world.test', 'fel-lösenord'), 401);
      expect(wrong.text).toContain('Fel e-postadress eller lösenord.');
      expect(wrong.headers['set-cookie']?.toString() ?? '').not.toMatch(/km_personal=/);
      const empty = status(await login('', ''), 400);
      expect(empty.text).toContain('Ange din e-postadress.');
      expect(empty.text).toContain('Ange ditt lösenord.');
      // A broker logs in to its own pages; the dashboard says in Swedish whom it is for.
      const broker = status(await login('brokerown@world.test', 'account-password-1'), 303);
      expect(broker.headers.location).toBe('/maklare');
      const refused = await w
        .http()
        .get('/uppfoljning')
        .set('Cookie', cookiesOf(broker).join('; '))
        .expect(403);
      expect(refused.text).toContain(
        'Sidan är till för regionala handläggare och administratörer.',
      );
      expect(refused.text).toContain('href="/maklare"');
    });

    it('login attempts are throttled like the API login, with a Swedish page', async () => {
      const ip = w.nextIp();
      let last = 0;
      for (let i = 0; i < 6; i++) {
        const page = await loginPage();
        const res = await w
          .http()
          .post('/logga-in')
          .set('X-Forwarded-For', ip)
          .set('Cookie', page.cookie)
          .type('form')
          .send({ _csrf: page.csrf, email: 'regionalown@world.test', password: 'fel' });
        last = res.status;
        if (res.status === 429) {
          expect(res.headers['retry-after']).toBeDefined();
          expect(res.text).toContain('För många inloggningsförsök');
        }
      }
      expect(last).toBe(429);
    });

    it('an admin may pick any county; the two-employer county shows "<3" on the page too', async () => {
      const res = await w.http().post('/logga-in').set('X-Forwarded-For', w.nextIp());
      expect(res.status).toBe(403); // no token, no cookie
      const ok = status(await login('admin@world.test', 'admin-password-123'), 303);
      const cookie = cookiesOf(ok).join('; ');
      const page = await w.http().get('/uppfoljning?lan=04').set('Cookie', cookie).expect(200);
      expect(page.text).toContain('Uppföljning – Södermanlands län');
      expect(page.text).toContain('&lt;3');
      expect(page.text.replace(/<script[\s\S]*?<\/script>/g, '')).not.toMatch(SECRET_NUMBERS);
      const bad = await w
        .http()
        .get('/uppfoljning?fran=2026-02-30')
        .set('Cookie', cookie)
        .expect(400);
      expect(bad.text).toContain('Ange ett giltigt från-datum');
    });
  });
});
