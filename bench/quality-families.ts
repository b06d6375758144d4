import { addDays } from '@km/common';
/**
 * Harder instance families for bench:quality (20–200 needs each), built to make cohorts compete:
 *
 * - dense: the regional generator (Örebro + Västmanland, 8 competences, 120 days).
 * - pooling-only: tiny rural needs (1–2 participants, micro firms) in sparse counties, with max
 *   costs that only a cohort of 6–9 meets and travel limits near the real distances.
 * - competing-large: a few needs of 8–12 participants competing with many of 1–3 for cohorts of
 *   at most 12–16, in tight windows.
 * - shared-minimums: groups of two or three offerings of one competence close together with
 *   different minimums (4–12), needs only one of them reaches and needs in between that fit all.
 * - mixed-modes: remote, hybrid and on-site offerings and needs, tight windows, several start
 *   windows per offering.
 *
 * Seeded (mulberry32 via Rng), so every run builds the same instances.
 */
import { COMPETENCES, MUNICIPALITIES } from '../libs/reference/src/data';
import type {
  DeliveryMode,
  MatchingInput,
  NeedInput,
  OfferingInput,
  StartWindow,
} from '@km/matching';
import { generateInstance, Rng } from './generator';

export type FamilyName =
  'dense' | 'pooling-only' | 'competing-large' | 'shared-minimums' | 'mixed-modes';

export const FAMILIES: readonly FamilyName[] = [
  'dense',
  'pooling-only',
  'competing-large',
  'shared-minimums',
  'mixed-modes',
];

const START = '2025-01-06';
const iso = (day: number) => addDays(START, day);

/** Needs per instance: spread over 20–200 by the seed. */
export function needCountFor(seed: number): number {
  return 20 + ((seed * 53) % 181);
}

export function familyInstance(family: FamilyName, seed: number): MatchingInput {
  const needs = needCountFor(seed);
  switch (family) {
    case 'dense':
      return generateInstance({
        needs,
        offerings: Math.max(4, Math.round(needs / 6)),
        seed: 1000 + seed,
        counties: ['18', '19'],
        horizonDays: 120,
        competencePool: 8,
      });
    case 'pooling-only':
      return poolingOnly(new Rng(2000 + seed), needs);
    case 'competing-large':
      return competingLarge(new Rng(3000 + seed), needs);
    case 'shared-minimums':
      return sharedMinimums(new Rng(4000 + seed), needs);
    case 'mixed-modes':
      return mixedModes(new Rng(5000 + seed), needs);
  }
}

const municipalities = MUNICIPALITIES.map((m) => ({
  code: m.code,
  countyCode: m.countyCode,
  lat: m.lat,
  lon: m.lon,
  name: m.name,
}));

function base(needs: NeedInput[], offerings: OfferingInput[]): MatchingInput {
  return {
    needs,
    offerings,
    municipalities,
    competences: COMPETENCES.map((c) => ({
      id: c.id,
      area: c.area,
      broaderId: c.broaderId,
      label: c.label,
    })),
    learningCentres: [...new Set(offerings.map((o) => o.venueMunicipalityCode))].map((code) => ({
      id: `lc-${code}`,
      municipalityCodes: [code],
      seatMunicipalityCode: code,
    })),
    rejectedPairs: [],
    committedNeedIds: [],
    previousProposals: [],
  };
}

/** Distinct leaf competences (no two related), so families control which needs meet. */
function competences(rng: Rng, count: number): string[] {
  const leaves = COMPETENCES.filter((c) => c.broaderId);
  const chosen: string[] = [];
  const parents = new Set<string>();
  while (chosen.length < count) {
    const c = rng.pick(leaves);
    if (parents.has(c.broaderId!) || chosen.includes(c.id)) continue;
    parents.add(c.broaderId!);
    chosen.push(c.id);
  }
  return chosen;
}

const inCounties = (codes: string[]) => MUNICIPALITIES.filter((m) => codes.includes(m.countyCode));

function km(a: string, b: string): number {
  const x = MUNICIPALITIES.find((m) => m.code === a)!;
  const y = MUNICIPALITIES.find((m) => m.code === b)!;
  const rad = Math.PI / 180;
  const h =
    Math.sin(((y.lat - x.lat) * rad) / 2) ** 2 +
    Math.cos(x.lat * rad) * Math.cos(y.lat * rad) * Math.sin(((y.lon - x.lon) * rad) / 2) ** 2;
  return 1.3 * 2 * 6371 * Math.asin(Math.sqrt(h));
}

interface NeedSpec {
  i: number;
  employer: number;
  orgSize: number;
  municipality: string;
  competence: string;
  total: number;
  from: number;
  to: number;
  modes: DeliveryMode[];
  maxTravelKm: number;
  maxCost: number | null;
}

function need(s: NeedSpec): NeedInput {
  const women = Math.floor(s.total / 2);
  return {
    id: `n${String(s.i).padStart(4, '0')}`,
    employerId: `e${String(s.employer).padStart(4, '0')}`,
    employerName: `Företag ${s.employer}`,
    orgSize: s.orgSize,
    municipalityCode: s.municipality,
    competenceIds: [s.competence],
    participants: { total: s.total, women, men: s.total - women },
    earliestStart: iso(s.from),
    latestEnd: iso(s.to),
    deliveryModes: s.modes,
    maxTravelKm: s.maxTravelKm,
    maxCostPerParticipantSek: s.maxCost,
    language: 'sv',
    submittedAt: iso(-10),
  };
}

interface OfferingSpec {
  i: number;
  competence: string;
  venue: string;
  mode: DeliveryMode;
  min: number;
  max: number;
  fixed: number;
  perHead: number;
  duration: number;
  windows: StartWindow[];
}

function offering(s: OfferingSpec): OfferingInput {
  return {
    id: `o${String(s.i).padStart(4, '0')}`,
    learningCentreId: `lc-${s.venue}`,
    title: s.competence,
    competenceIds: [s.competence],
    deliveryMode: s.mode,
    venueMunicipalityCode: s.venue,
    minParticipants: s.min,
    maxParticipants: s.max,
    costFixedSek: s.fixed,
    costPerParticipantSek: s.perHead,
    durationDays: s.duration,
    startWindows: s.windows,
    language: 'sv',
  };
}

function windows(rng: Rng, count: number, horizon: number, length: number): StartWindow[] {
  const starts = new Set<number>();
  while (starts.size < count) starts.add(rng.int(0, horizon));
  return [...starts].sort((a, b) => a - b).map((d) => ({ from: iso(d), to: iso(d + length) }));
}

function poolingOnly(rng: Rng, n: number): MatchingInput {
  const places = inCounties(['23', '25']);
  const comps = competences(rng, 3);
  const offers: OfferingInput[] = [];
  const offerCount = Math.max(3, Math.round(n / 7));
  for (let i = 0; i < offerCount; i++)
    offers.push(
      offering({
        i,
        competence: rng.pick(comps),
        venue: rng.pick(places).code,
        mode: 'onsite',
        min: rng.int(4, 6),
        max: rng.int(10, 14),
        fixed: rng.int(30, 60) * 1000,
        perHead: rng.int(10, 20) * 100,
        duration: rng.int(2, 5),
        windows: windows(rng, rng.int(1, 3), 80, 13),
      }),
    );
  const needs = Array.from({ length: n }, (_, i) => {
    const o = rng.pick(offers);
    const home = rng.pick(places).code;
    const distance = km(home, o.venueMunicipalityCode);
    // A cost only a cohort of k meets: fixed / k + per head, rounded up to 100 kr.
    const k = rng.int(6, 9);
    const from = rng.int(0, 40);
    return need({
      i,
      employer: rng.int(0, Math.max(1, Math.round(n * 0.8))),
      orgSize: rng.int(1, 9),
      municipality: home,
      competence: o.competenceIds[0],
      total: rng.int(1, 2),
      from,
      to: from + rng.int(50, 90),
      modes: ['onsite'],
      maxTravelKm: Math.max(20, Math.round(distance * (0.9 + 0.3 * rng.next()))),
      maxCost:
        rng.next() < 0.6
          ? Math.ceil((o.costFixedSek / k + o.costPerParticipantSek) / 100) * 100
          : null,
    });
  });
  return base(needs, offers);
}

function competingLarge(rng: Rng, n: number): MatchingInput {
  const places = inCounties(['18', '19']);
  const comps = competences(rng, 4);
  const offers: OfferingInput[] = [];
  const offerCount = Math.max(3, Math.round(n / 8));
  for (let i = 0; i < offerCount; i++) {
    const min = rng.int(5, 8);
    offers.push(
      offering({
        i,
        competence: rng.pick(comps),
        venue: rng.pick(places).code,
        mode: rng.next() < 0.85 ? 'onsite' : 'hybrid',
        min,
        max: rng.int(12, 16),
        fixed: rng.int(20, 50) * 1000,
        perHead: rng.int(5, 25) * 100,
        duration: rng.int(1, 5),
        windows: windows(rng, rng.int(1, 2), 60, 6),
      }),
    );
  }
  const needs = Array.from({ length: n }, (_, i) => {
    const large = rng.next() < 0.15;
    const from = rng.int(0, 50);
    return need({
      i,
      employer: rng.int(0, Math.round(n * 0.6)),
      orgSize: large ? rng.int(250, 900) : rng.int(2, 40),
      municipality: rng.pick(places).code,
      competence: rng.pick(comps),
      total: large ? rng.int(8, 12) : rng.int(1, 3),
      from,
      to: from + rng.int(20, 45),
      modes: ['onsite'],
      maxTravelKm: rng.pick([40, 60, 80, 100]),
      maxCost: rng.next() < 0.3 ? rng.int(40, 90) * 100 : null,
    });
  });
  return base(needs, offers);
}

function sharedMinimums(rng: Rng, n: number): MatchingInput {
  const places = inCounties(['18', '19', '03']);
  const comps = competences(rng, 3);
  const offers: OfferingInput[] = [];
  const needs: NeedInput[] = [];
  const minimums = [4, 6, 7, 8, 10, 12];
  let i = 0;
  while (needs.length < n) {
    const competence = rng.pick(comps);
    const hub = rng.pick(places);
    const near = places.filter((m) => m.code !== hub.code && km(m.code, hub.code) < 90);
    const venues = [
      hub.code,
      ...Array.from({ length: rng.int(1, 2) }, () => rng.pick(near.length ? near : places).code),
    ];
    const start = rng.int(0, 40);
    const group: OfferingInput[] = [...new Set(venues)].map((venue) => {
      const min = rng.pick(minimums);
      return offering({
        i: offers.length,
        competence,
        venue,
        mode: 'onsite',
        min,
        max: min + rng.int(1, 5),
        fixed: rng.int(10, 40) * 1000,
        perHead: rng.int(5, 20) * 100,
        duration: rng.int(1, 4),
        windows: [{ from: iso(start + rng.int(0, 5)), to: iso(start + 11) }],
      });
    });
    offers.push(...group);
    const size = Math.min(n - needs.length, rng.int(10, 22));
    for (let k = 0; k < size; k++) {
      const own = rng.next() < 0.6;
      const venue = rng.pick(group).venueMunicipalityCode;
      const home = own ? venue : hub.code;
      needs.push(
        need({
          i: i++,
          employer: rng.int(0, n),
          orgSize: rng.int(1, 60),
          municipality: home,
          competence,
          total: rng.int(1, 4),
          from: start - rng.int(0, 5),
          to: start + 30 + rng.int(0, 20),
          modes: ['onsite'],
          maxTravelKm: own ? 15 : 100,
          maxCost: rng.next() < 0.2 ? rng.int(50, 120) * 100 : null,
        }),
      );
    }
  }
  return base(needs, offers);
}

function mixedModes(rng: Rng, n: number): MatchingInput {
  const places = inCounties(['03', '04', '05']);
  const comps = competences(rng, 6);
  const modeSets: DeliveryMode[][] = [
    ['onsite'],
    ['remote'],
    ['onsite', 'hybrid'],
    ['onsite', 'remote', 'hybrid'],
  ];
  const offerModes: DeliveryMode[] = ['onsite', 'onsite', 'remote', 'hybrid'];
  const offerCount = Math.max(3, Math.round(n / 6));
  const offers = Array.from({ length: offerCount }, (_, i) =>
    offering({
      i,
      competence: rng.pick(comps),
      venue: rng.pick(places).code,
      mode: rng.pick(offerModes),
      min: rng.int(4, 9),
      max: rng.int(10, 15),
      fixed: rng.int(10, 50) * 1000,
      perHead: rng.int(5, 25) * 100,
      duration: rng.int(1, 5),
      windows: windows(rng, rng.int(2, 4), 90, 6),
    }),
  );
  const needs = Array.from({ length: n }, (_, i) => {
    const from = rng.int(0, 90);
    return need({
      i,
      employer: rng.int(0, Math.round(n * 0.7)),
      orgSize: rng.int(1, 300),
      municipality: rng.pick(places).code,
      competence: rng.pick(comps),
      total: rng.int(1, 5),
      from,
      to: from + rng.int(15, 40),
      modes: rng.pick(modeSets),
      maxTravelKm: rng.pick([30, 50, 70, 90]),
      maxCost: rng.next() < 0.4 ? rng.int(30, 80) * 100 : null,
    });
  });
  return base(needs, offers);
}
