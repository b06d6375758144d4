import { isSuppressed } from '@km/common';
import { BucketFigure, MonitoringCells, Presence } from './monitoring-cells';
import { summaryFigures, timeseriesFigures } from './monitoring-figures';

/**
 * The disclosure test: many small random regions (the hard case: a handful of employers over a
 * year). For every period a regional analyst can ask for (every range of whole months) the
 * published summary and series are collected, then attacked: differences of the same figure over
 * two overlapping periods, a total minus its shown rows, the complement of a share, a mean times
 * its count minus the shown bins. Each attack yields a number; from the microdata we know which
 * employers that number depends on. None may depend on exactly 1 or 2 employers.
 */

const MONTHS = 10;

interface Need {
  employer: number;
  bucket: number;
  total: number;
  women: number;
  men: number;
  competence: string;
  municipality: string;
}
interface Initiative {
  bucket: number;
  needs: number[];
  event?: { kind: 'completed' | 'cancelled'; bucket: number };
}
interface Region {
  sme: boolean[];
  needs: Need[];
  initiatives: Initiative[];
  drafts: { created: number; approved?: number; employers: number[] }[];
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomRegion(seed: number): Region {
  const r = mulberry32(seed);
  const int = (min: number, max: number) => min + Math.floor(r() * (max - min + 1));
  const employers = int(1, 9);
  const sme = Array.from({ length: employers }, () => r() < 0.8);
  const needs: Need[] = Array.from({ length: int(0, 18) }, () => {
    const total = int(1, 8);
    const women = int(0, total);
    const men = r() < 0.25 ? int(0, total - women) : total - women;
    return {
      employer: int(0, employers - 1),
      bucket: int(0, MONTHS - 1),
      total,
      women,
      men,
      competence: ['svets', 'truck', 'hlr'][int(0, 2)],
      municipality: ['1880', '1885'][int(0, 1)],
    };
  });
  const initiatives: Initiative[] = [];
  const free = new Set(needs.map((_, i) => i));
  for (let k = int(0, 4); k > 0; k--) {
    const chosen = [...free].filter(() => r() < 0.4).slice(0, int(1, 6));
    if (chosen.length === 0) continue;
    chosen.forEach((i) => free.delete(i));
    const bucket = Math.min(
      MONTHS - 1,
      Math.max(...chosen.map((i) => needs[i].bucket)) + int(0, 2),
    );
    const initiative: Initiative = { bucket, needs: chosen };
    if (r() < 0.5 && bucket < MONTHS - 1) {
      initiative.event = {
        kind: r() < 0.5 ? 'completed' : 'cancelled',
        bucket: int(bucket + 1, MONTHS - 1),
      };
    }
    initiatives.push(initiative);
  }
  const drafts = Array.from({ length: int(0, 3) }, () => {
    const created = int(0, MONTHS - 1);
    return {
      created,
      approved: r() < 0.5 ? int(created, MONTHS - 1) : undefined,
      employers: [...new Set(Array.from({ length: int(1, 4) }, () => int(0, employers - 1)))],
    };
  });
  return { sme, needs, initiatives, drafts };
}

const employersOf = (r: Region, initiative: Initiative) =>
  new Set(initiative.needs.map((i) => r.needs[i].employer));

/** Per bucket: a sum and the distinct employers with a non-zero share of it (as the SQL). */
function figure(items: { bucket: number; value: number; employer: number }[]): BucketFigure {
  const f: BucketFigure = { value: Array(MONTHS).fill(0), employers: Array(MONTHS).fill(0) };
  const perEmployer = new Map<string, number>();
  for (const item of items) {
    f.value[item.bucket] += item.value;
    const key = `${item.bucket}|${item.employer}`;
    perEmployer.set(key, (perEmployer.get(key) ?? 0) + item.value);
  }
  f.members = Array.from({ length: MONTHS }, () => []);
  for (const [key, value] of perEmployer) {
    const [bucket, employer] = key.split('|');
    if (value > 0) {
      f.employers[Number(bucket)] += 1;
      f.members[Number(bucket)].push(employer);
    }
  }
  // As the SQL: who the employers are only where there are 1 or 2 of them.
  f.members = f.members.map((m) => (m.length < 3 ? m : []));
  return f;
}

/** Counts of units (initiatives, drafts) with the distinct employers behind them. */
function unitFigure(units: { bucket: number; employers: Set<number> }[]): BucketFigure {
  const f: BucketFigure = {
    value: Array(MONTHS).fill(0),
    employers: Array(MONTHS).fill(0),
    members: Array.from({ length: MONTHS }, () => []),
  };
  for (let b = 0; b < MONTHS; b++) {
    const here = units.filter((u) => u.bucket === b);
    const members = [...new Set(here.flatMap((u) => [...u.employers]))];
    f.value[b] = here.length;
    f.employers[b] = members.length;
    f.members![b] = members.map(String);
  }
  return f;
}

function presenceOf(buckets: Map<number, Set<number>>): Presence {
  return [...buckets.values()].map((s) => [...s].sort((a, b) => a - b));
}

/** The cells the SQL reader would return for the region (one county, monthly grid). */
function cellsOf(r: Region): MonitoringCells {
  const needItems = (value: (n: Need) => number) =>
    r.needs.map((n) => ({ bucket: n.bucket, employer: n.employer, value: value(n) }));
  const presence = (filter: (e: number) => boolean) => {
    const by = new Map<number, Set<number>>();
    for (const n of r.needs) {
      if (!filter(n.employer)) continue;
      if (!by.has(n.employer)) by.set(n.employer, new Set());
      by.get(n.employer)!.add(n.bucket);
    }
    return presenceOf(by);
  };
  const matchedItems = r.initiatives.flatMap((i) =>
    i.needs.map((n) => ({ bucket: i.bucket, employer: r.needs[n].employer, value: 1 })),
  );
  const bySize = [2, 3, 4, 5].map((bin) => {
    const units = r.initiatives
      .map((i) => ({ bucket: i.bucket, employers: employersOf(r, i) }))
      .filter((u) => Math.min(u.employers.size, 5) === bin);
    const f = unitFigure(units);
    const employerSum = Array(MONTHS).fill(0);
    for (const u of units) employerSum[u.bucket] += u.employers.size;
    return { ...f, employerSum };
  });
  const pooled = new Map<number, Set<number>>();
  for (const i of r.initiatives) {
    const employers = employersOf(r, i);
    if (employers.size < 2) continue;
    for (const e of employers) {
      if (!pooled.has(e)) pooled.set(e, new Set());
      pooled.get(e)!.add(i.bucket);
    }
  }
  const event = (kind: 'completed' | 'cancelled') =>
    unitFigure(
      r.initiatives
        .filter((i) => i.event?.kind === kind && employersOf(r, i).size >= 2)
        .map((i) => ({ bucket: i.event!.bucket, employers: employersOf(r, i) })),
    );
  const draftUnits = (bucket: (d: Region['drafts'][number]) => number | undefined) =>
    unitFigure(
      r.drafts
        .filter((d) => bucket(d) !== undefined)
        .map((d) => ({ bucket: bucket(d)!, employers: new Set(d.employers) })),
    );
  // Unmet at the end of the last month: needs in no live initiative.
  const live = new Set(
    r.initiatives.filter((i) => i.event?.kind !== 'cancelled').flatMap((i) => i.needs),
  );
  const unmet = r.needs.filter((_, i) => !live.has(i));
  const unmetFigure = (filter: (n: Need) => boolean) =>
    figure(
      unmet.filter(filter).map((n) => ({ bucket: n.bucket, employer: n.employer, value: n.total })),
    );
  const keys = (f: (n: Need) => string) => [...new Set(unmet.map(f))].sort();
  return {
    grid: Array.from({ length: MONTHS }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}-01`),
    needs: {
      needs: figure(needItems(() => 1)),
      participants: figure(needItems((n) => n.total)),
      women: figure(needItems((n) => n.women)),
      men: figure(needItems((n) => n.men)),
      notStated: figure(needItems((n) => n.total - n.women - n.men)),
    },
    employers: {
      all: presence(() => true),
      sme: presence((e) => r.sme[e]),
      large: presence((e) => !r.sme[e]),
    },
    matched: {
      ...figure(matchedItems),
      members: Array.from({ length: MONTHS }, (_, b) => [
        ...new Set(matchedItems.filter((m) => m.bucket === b).map((m) => String(m.employer))),
      ]),
    },
    matchDays: r.initiatives.flatMap((i) =>
      i.needs.map((n) => ({ bucket: i.bucket, days: (i.bucket - r.needs[n].bucket) * 30 + n })),
    ),
    bySize,
    pooled: presenceOf(pooled),
    completed: event('completed'),
    cancelled: event('cancelled'),
    crossBorder: [],
    draftsCreated: draftUnits((d) => d.created),
    draftsApproved: draftUnits((d) => d.approved),
    unmet: {
      rows: keys((n) => `${n.competence}|${n.municipality}`).map((key) => {
        const [competence, municipality] = key.split('|');
        return {
          competenceId: competence,
          competenceLabel: competence,
          municipalityCode: municipality,
          municipalityName: municipality,
          cells: unmetFigure((n) => n.competence === competence && n.municipality === municipality),
        };
      }),
      byCompetence: keys((n) => n.competence).map((c) => ({
        competenceId: c,
        competenceLabel: c,
        cells: unmetFigure((n) => n.competence === c),
      })),
      byMunicipality: keys((n) => n.municipality).map((m) => ({
        municipalityCode: m,
        municipalityName: m,
        cells: unmetFigure((n) => n.municipality === m),
      })),
    },
  };
}

/** What a figure over a period is made of: per contributing unit, its employers and amount. */
type Contributions = (first: number, last: number) => { key: string; employers: number[] }[];

function contributionsOf(r: Region): Record<string, Contributions> {
  const inRange = (b: number, first: number, last: number) => b >= first && b <= last;
  const needs =
    (amount: (n: Need) => number, filter: (n: Need) => boolean = () => true): Contributions =>
    (first, last) =>
      r.needs
        .map((n, i) => ({ n, i }))
        .filter(({ n }) => inRange(n.bucket, first, last) && amount(n) > 0 && filter(n))
        .map(({ n, i }) => ({ key: `n${i}`, employers: [n.employer] }));
  const initiatives =
    (filter: (i: Initiative) => boolean, bucket = (i: Initiative) => i.bucket): Contributions =>
    (first, last) =>
      r.initiatives
        .map((i, k) => ({ i, k }))
        .filter(({ i }) => filter(i) && inRange(bucket(i), first, last))
        .map(({ i, k }) => ({ key: `i${k}`, employers: [...employersOf(r, i)] }));
  const distinct =
    (filter: (e: number) => boolean): Contributions =>
    (first, last) =>
      [
        ...new Set(
          r.needs
            .filter((n) => inRange(n.bucket, first, last) && filter(n.employer))
            .map((n) => n.employer),
        ),
      ].map((e) => ({ key: `e${e}`, employers: [e] }));
  const size = (i: Initiative) => employersOf(r, i).size;
  const live = new Set(
    r.initiatives.filter((i) => i.event?.kind !== 'cancelled').flatMap((i) => i.needs),
  );
  const contributions: Record<string, Contributions> = {
    needs: needs(() => 1),
    participantsRequested: needs((n) => n.total),
    women: needs((n) => n.women),
    men: needs((n) => n.men),
    notStated: needs((n) => n.total - n.women - n.men),
    employers: distinct(() => true),
    sme: distinct((e) => r.sme[e]),
    large: distinct((e) => !r.sme[e]),
    matchedNeeds: (first, last) =>
      r.initiatives
        .filter((i) => inRange(i.bucket, first, last))
        .flatMap((i) => i.needs.map((n) => ({ key: `m${n}`, employers: [r.needs[n].employer] }))),
    initiatives: initiatives((i) => size(i) >= 2),
    completed: initiatives(
      (i) => i.event?.kind === 'completed' && size(i) >= 2,
      (i) => i.event!.bucket,
    ),
    cancelled: initiatives(
      (i) => i.event?.kind === 'cancelled' && size(i) >= 2,
      (i) => i.event!.bucket,
    ),
    pooledEmployers: (first, last) =>
      [
        ...new Set(
          r.initiatives
            .filter((i) => inRange(i.bucket, first, last) && size(i) >= 2)
            .flatMap((i) => [...employersOf(r, i)]),
        ),
      ].map((e) => ({ key: `e${e}`, employers: [e] })),
    projectDrafts: (first, last) =>
      r.drafts
        .map((d, k) => ({ d, k }))
        .filter(({ d }) => inRange(d.created, first, last))
        .map(({ d, k }) => ({ key: `d${k}`, employers: d.employers })),
    projectDraftsApproved: (first, last) =>
      r.drafts
        .map((d, k) => ({ d, k }))
        .filter(({ d }) => d.approved !== undefined && inRange(d.approved, first, last))
        .map(({ d, k }) => ({ key: `d${k}`, employers: d.employers })),
  };
  for (let bin = 2; bin <= 5; bin++) {
    contributions[`bin${bin}`] = initiatives((i) => Math.min(size(i), 5) === bin);
  }
  const unmetNeeds = new Set(r.needs.filter((_, i) => !live.has(i)));
  const unmet = (filter: (n: Need) => boolean) =>
    needs(
      (n) => n.total,
      (n) => unmetNeeds.has(n) && filter(n),
    );
  for (const n of r.needs) {
    contributions[`unmet:${n.competence}|${n.municipality}`] = unmet(
      (x) => x.competence === n.competence && x.municipality === n.municipality,
    );
    contributions[`unmetC:${n.competence}`] = unmet((x) => x.competence === n.competence);
    contributions[`unmetM:${n.municipality}`] = unmet((x) => x.municipality === n.municipality);
  }
  // Each figure and period is asked for many times by the attacks.
  for (const [name, c] of Object.entries(contributions)) {
    const memo = new Map<string, ReturnType<Contributions>>();
    contributions[name] = (first, last) => {
      const key = `${first}|${last}`;
      if (!memo.has(key)) memo.set(key, c(first, last));
      return memo.get(key)!;
    };
  }
  return contributions;
}

/** The employers a derived number depends on: those of the units in one selection only. */
function employersBehind(a: { key: string; employers: number[] }[], b: typeof a = []): Set<number> {
  const behind = new Set<number>();
  const add = (from: typeof a, other: typeof a) => {
    for (const x of from) {
      if (!other.some((y) => y.key === x.key)) for (const e of x.employers) behind.add(e);
    }
  };
  add(a, b);
  add(b, a);
  return behind;
}

interface Fact {
  figure: string;
  first: number;
  last: number;
  value: number;
}

/** Every number a regional analyst can read for the region, per figure and period. */
function publishedFacts(cells: MonitoringCells): { facts: Fact[]; answers: Answer[] } {
  const facts: Fact[] = [];
  const answers: Answer[] = [];
  const add = (figure: string, first: number, last: number, value: unknown) => {
    if (typeof value === 'number') facts.push({ figure, first, last, value });
  };
  for (let first = 0; first < MONTHS; first++) {
    for (let last = first; last < MONTHS; last++) {
      const sel = { first, last, audited: true };
      const s = summaryFigures(cells, sel);
      const series = timeseriesFigures(cells, sel);
      answers.push({ first, last, summary: s, series });
      add('needs', first, last, s.needs);
      add('participantsRequested', first, last, s.participantsRequested);
      add('women', first, last, s.participantsByGender.women);
      add('men', first, last, s.participantsByGender.men);
      add('notStated', first, last, s.participantsByGender.notStated);
      add('employers', first, last, s.employers);
      add('sme', first, last, s.employersBySize.sme);
      add('large', first, last, s.employersBySize.large);
      add('matchedNeeds', first, last, s.matchedNeeds);
      add('initiatives', first, last, s.initiatives);
      add('completed', first, last, s.initiativeEvents.completed);
      add('cancelled', first, last, s.initiativeEvents.cancelled);
      add('pooledEmployers', first, last, s.pooledEmployers);
      add('projectDrafts', first, last, s.projectDrafts);
      add('projectDraftsApproved', first, last, s.projectDraftsApproved);
      s.employersPerInitiativeDistribution.forEach((d) =>
        add(`bin${d.employers}`, first, last, d.initiatives),
      );
      // Unmet demand is published for periods ending with the last month only.
      if (last === MONTHS - 1) {
        for (const u of s.unmetDemand) {
          add(`unmet:${u.competenceId}|${u.municipalityCode}`, first, last, u.participants);
        }
        for (const u of s.unmetByCompetence)
          add(`unmetC:${u.competenceId}`, first, last, u.participants);
        for (const u of s.unmetByMunicipality) {
          add(`unmetM:${u.municipalityCode}`, first, last, u.participants);
        }
      }
      // A bucket of a series is the figure of that month.
      for (const b of series) {
        const i = cells.grid.indexOf(b.start);
        add('needs', i, i, b.needs);
        add('participantsRequested', i, i, b.participantsRequested);
        add('matchedNeeds', i, i, b.matchedNeeds);
        add('initiatives', i, i, b.initiatives);
        if (typeof b.smeShare === 'number' && typeof b.needs === 'number') {
          facts.push({ figure: 'smeShareShown', first: i, last: i, value: b.smeShare });
        }
      }
    }
  }
  return { facts, answers };
}

interface Answer {
  first: number;
  last: number;
  summary: ReturnType<typeof summaryFigures>;
  series: ReturnType<typeof timeseriesFigures>;
}

const leaks = (employers: Set<number>) => employers.size === 1 || employers.size === 2;

describe('disclosure control: nothing published reveals a figure of 1–2 employers', () => {
  const REGIONS = 60;

  it(`holds for ${REGIONS} small random regions, every pair of overlapping periods and every table`, () => {
    const found: string[] = [];
    let attacks = 0;
    let shownFacts = 0;
    for (let seed = 1; seed <= REGIONS; seed++) {
      const region = randomRegion(seed);
      const cells = cellsOf(region);
      const contributions = contributionsOf(region);
      const { facts, answers } = publishedFacts(cells);
      shownFacts += facts.length;
      const report = (what: () => string, behind: Set<number>) => {
        attacks++;
        if (leaks(behind)) {
          found.push(`region ${seed}: ${what()} depends on ${behind.size} employer(s)`);
        }
      };

      // Primary: a published figure itself.
      for (const f of facts) {
        const c = contributions[f.figure];
        if (!c) continue;
        report(() => `${f.figure} ${f.first}–${f.last}`, employersBehind(c(f.first, f.last)));
      }

      // Differences of the same figure over two overlapping periods.
      const byFigure = new Map<string, Fact[]>();
      for (const f of facts) {
        if (!contributions[f.figure]) continue;
        const list = byFigure.get(f.figure) ?? [];
        if (!list.some((g) => g.first === f.first && g.last === f.last)) list.push(f);
        byFigure.set(f.figure, list);
      }
      for (const [name, list] of byFigure) {
        // Counts of all employers are not audited across periods (README: their difference
        // tells how many were active, nothing about them); their attributes are.
        if (name === 'employers' || name === 'pooledEmployers') continue;
        const c = contributions[name];
        for (const [k, a] of list.entries()) {
          for (const b of list.slice(k + 1)) {
            if (b.first > a.last || a.first > b.last) continue;
            report(
              () => `${name} ${a.first}–${a.last} minus ${b.first}–${b.last}`,
              employersBehind(c(a.first, a.last), c(b.first, b.last)),
            );
          }
        }
      }

      for (const { first, last, summary: s, series } of answers) {
        const period = `${first}–${last}`;
        // Totals minus shown rows: the series against the summary.
        for (const metric of [
          'needs',
          'participantsRequested',
          'matchedNeeds',
          'initiatives',
        ] as const) {
          const total = s[metric];
          if (typeof total !== 'number') continue;
          const hidden = series
            .map((b) => cells.grid.indexOf(b.start))
            .filter((i) => isSuppressed(series[i - first][metric]));
          if (hidden.length === 0) continue;
          const c = contributions[metric];
          const behind = employersBehind(hidden.flatMap((i) => c(i, i)));
          report(() => `${metric} ${period} minus its shown months`, behind);
        }
        // The gender split against the participants.
        const g = s.participantsByGender;
        const parts = [
          ['women', g.women],
          ['men', g.men],
          ['notStated', g.notStated],
        ] as const;
        const hiddenParts = parts.filter(([, v]) => isSuppressed(v));
        if (typeof s.participantsRequested === 'number' && hiddenParts.length > 0) {
          const behind = employersBehind(
            hiddenParts.flatMap(([name]) => contributions[name](first, last)),
          );
          report(() => `participants ${period} minus the shown genders`, behind);
        }
        // Complements of shares: the SME share against the employers.
        if (typeof s.smeShare === 'number' && typeof s.employers === 'number') {
          report(() => `SME employers ${period}`, employersBehind(contributions.sme(first, last)));
          report(
            () => `large employers ${period}`,
            employersBehind(contributions.large(first, last)),
          );
        }
        if (typeof s.matchRate === 'number' && typeof s.needs === 'number') {
          report(
            () => `matched ${period} from the rate`,
            employersBehind(contributions.matchedNeeds(first, last)),
          );
        }
        // Means of distributions: the mean times the joint count minus the shown bins.
        if (typeof s.employersPerInitiative === 'number' && typeof s.initiatives === 'number') {
          const hiddenBins = s.employersPerInitiativeDistribution.filter(
            (d) => d.employers >= 2 && (isSuppressed(d.initiatives) || d.orMore),
          );
          const behind = employersBehind(
            hiddenBins.flatMap((d) => contributions[`bin${d.employers}`](first, last)),
          );
          report(() => `employers per initiative ${period} times the count`, behind);
        }
        // Approved minus the shown bins.
        if (typeof s.initiatives === 'number') {
          const hiddenBins = s.employersPerInitiativeDistribution.filter((d) =>
            isSuppressed(d.initiatives),
          );
          const behind = employersBehind(
            hiddenBins.flatMap((d) => contributions[`bin${d.employers}`](first, last)),
          );
          report(() => `joint initiatives ${period} minus the shown sizes`, behind);
        }
        // Unmet margins minus their shown rows.
        if (last === MONTHS - 1) {
          for (const m of s.unmetByCompetence) {
            if (isSuppressed(m.participants)) continue;
            const hidden = s.unmetDemand.filter(
              (u) => u.competenceId === m.competenceId && isSuppressed(u.participants),
            );
            const listed = new Set(
              s.unmetDemand.map((u) => `${u.competenceId}|${u.municipalityCode}`),
            );
            const rows = Object.keys(contributions).filter(
              (k) =>
                k.startsWith(`unmet:${m.competenceId}|`) &&
                (!listed.has(k.slice(6)) ||
                  hidden.some((u) => k === `unmet:${u.competenceId}|${u.municipalityCode}`)),
            );
            const behind = employersBehind(rows.flatMap((k) => contributions[k](first, last)));
            report(() => `unmet ${m.competenceId} ${period} minus its shown rows`, behind);
          }
        }
      }
    }
    expect(found).toEqual([]);
    // The test must have something to attack: many figures are shown, many attacks tried.
    expect(shownFacts).toBeGreaterThan(REGIONS * 50);
    expect(attacks).toBeGreaterThan(REGIONS * 100);
  });
});
