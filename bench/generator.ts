/**
 * Seeded generator of realistic matching instances over all 290 municipalities:
 * employers placed by population, small firms dominating (EU size bands), a sector mix, needs
 * concentrated on popular competences (Zipf), participants by firm size, gender split by area,
 * time windows over a planning horizon, offerings from the municipalities' learning centres.
 * Bench-only: uses a seeded PRNG (never Math.random) so every run is reproducible.
 */
import {
  COMPETENCES,
  LEARNING_CENTRES,
  MUNICIPALITIES,
  SNI_SECTIONS,
} from '../libs/reference/src/data';
import type {
  DeliveryMode,
  LearningCentreRef,
  MatchingInput,
  MunicipalityGeo,
  NeedInput,
  OfferingInput,
} from '@km/matching';
import { addDays } from '@km/common';

export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0 || 0x9e3779b9;
  }
  /** mulberry32 */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)];
  }
  weighted<T>(items: readonly T[], cumulative: Float64Array): T {
    const x = this.next() * cumulative[cumulative.length - 1];
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    return items[lo];
  }
}

function cumulative(weights: number[]): Float64Array {
  const out = new Float64Array(weights.length);
  let sum = 0;
  weights.forEach((w, i) => (out[i] = sum += w));
  return out;
}

const START = '2025-01-06';
const iso = (day: number) => addDays(START, day);

/** Share of women among participants by competence area (Swedish labour-market patterns, rough). */
const WOMEN_SHARE: Record<string, number> = {
  vard: 0.82,
  'hotell-restaurang': 0.6,
  ekonomi: 0.65,
  handel: 0.55,
  sprak: 0.5,
  ledarskap: 0.45,
  it: 0.45,
  livsmedel: 0.45,
  fastighet: 0.5,
  hallbarhet: 0.5,
  sakerhet: 0.25,
  logistik: 0.2,
  produktion: 0.25,
  'jord-skog': 0.2,
  fordon: 0.1,
  bygg: 0.08,
  el: 0.07,
  svets: 0.06,
};

export interface GeneratorOptions {
  needs: number;
  offerings: number;
  seed: number;
  /** Planning horizon in days over which needs and start windows are spread. */
  horizonDays?: number;
  /** Restrict to these county codes (small regional instances); all when absent. */
  counties?: string[];
  /** Only the this many most popular competences (dense small instances); all when absent. */
  competencePool?: number;
}

export function generateInstance(opts: GeneratorOptions): MatchingInput {
  const rng = new Rng(opts.seed);
  const horizon = opts.horizonDays ?? 365;
  const munis = MUNICIPALITIES.filter(
    (m) => !opts.counties || opts.counties.includes(m.countyCode),
  );
  const muniCum = cumulative(munis.map((m) => m.population));
  const municipalities: MunicipalityGeo[] = MUNICIPALITIES.map((m) => ({
    code: m.code,
    countyCode: m.countyCode,
    lat: m.lat,
    lon: m.lon,
    name: m.name,
  }));

  // Popular competences get most demand (Zipf over a seeded order); supply follows demand.
  const comps = [...COMPETENCES];
  for (let i = comps.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [comps[i], comps[j]] = [comps[j], comps[i]];
  }
  if (opts.competencePool) comps.length = Math.min(comps.length, opts.competencePool);
  const compCum = cumulative(comps.map((_, i) => 1 / Math.pow(i + 1, 0.8)));

  // Learning centres: the LC-KOMP organisations plus a municipal centre everywhere else.
  const served = new Set(LEARNING_CENTRES.flatMap((c) => c.municipalityCodes));
  const learningCentres: LearningCentreRef[] = [
    ...LEARNING_CENTRES.map((c) => ({ ...c, municipalityCodes: [...c.municipalityCodes] })),
    ...MUNICIPALITIES.filter((m) => !served.has(m.code)).map((m) => ({
      id: `lc-${m.code}`,
      name: `Lärcentrum ${m.name}`,
      municipalityCodes: [m.code],
      seatMunicipalityCode: m.code,
    })),
  ];
  const centreOf = new Map<string, string>();
  for (const c of learningCentres) for (const code of c.municipalityCodes) centreOf.set(code, c.id);

  // Employers: about one per two needs, micro and small firms dominating.
  const employerCount = Math.max(1, Math.round(opts.needs / 2));
  const bands = [
    { min: 1, max: 9, w: 0.6 },
    { min: 10, max: 49, w: 0.28 },
    { min: 50, max: 249, w: 0.09 },
    { min: 250, max: 2000, w: 0.03 },
  ];
  const bandCum = cumulative(bands.map((b) => b.w));
  const employers = Array.from({ length: employerCount }, (_, i) => {
    const band = rng.weighted(bands, bandCum);
    const m = rng.weighted(munis, muniCum);
    return {
      id: `e${String(i).padStart(7, '0')}`,
      name: `Företag ${i} (SNI ${rng.pick(SNI_SECTIONS).code})`,
      orgSize: rng.int(band.min, band.max),
      municipalityCode: m.code,
    };
  });

  const modeSets: DeliveryMode[][] = [
    ['onsite'],
    ['onsite', 'hybrid'],
    ['onsite', 'remote', 'hybrid'],
    ['remote'],
  ];
  const modeCum = cumulative([0.7, 0.15, 0.1, 0.05]);
  const travel = [30, 40, 50, 60, 80, 100];
  const travelCum = cumulative([0.15, 0.25, 0.25, 0.2, 0.1, 0.05]);

  const needs: NeedInput[] = Array.from({ length: opts.needs }, (_, i) => {
    const e = employers[rng.int(0, employers.length - 1)];
    const c = rng.weighted(comps, compCum);
    const cap = e.orgSize < 10 ? 3 : e.orgSize < 50 ? 5 : e.orgSize < 250 ? 8 : 12;
    const total = Math.min(cap, 1 + Math.floor(-Math.log(1 - rng.next()) * (cap / 3)));
    let women = 0;
    const share = WOMEN_SHARE[c.area] ?? 0.4;
    for (let k = 0; k < total; k++) if (rng.next() < share) women++;
    const start = rng.int(0, Math.max(0, horizon - 30));
    const length = rng.int(30, 150);
    return {
      id: `n${String(i).padStart(7, '0')}`,
      employerId: e.id,
      employerName: e.name,
      orgSize: e.orgSize,
      municipalityCode: e.municipalityCode,
      competenceIds: [c.id],
      participants: { total, women, men: total - women },
      earliestStart: iso(start),
      latestEnd: iso(start + length),
      deliveryModes: rng.weighted(modeSets, modeCum),
      maxTravelKm: rng.weighted(travel, travelCum),
      maxCostPerParticipantSek: rng.next() < 0.5 ? null : rng.int(25, 90) * 100,
      language: rng.next() < 0.97 ? 'sv' : 'en',
      submittedAt: iso(-rng.int(1, 90)),
    };
  });

  const offeringModes: DeliveryMode[] = ['onsite', 'hybrid', 'remote'];
  const offeringModeCum = cumulative([0.8, 0.1, 0.1]);
  const offerings: OfferingInput[] = Array.from({ length: opts.offerings }, (_, i) => {
    const m = rng.weighted(munis, muniCum);
    const c = rng.weighted(comps, compCum);
    const min = rng.int(4, 8);
    const windowCount = rng.int(1, 4);
    const starts = new Set<number>();
    while (starts.size < windowCount) starts.add(rng.int(0, Math.max(0, horizon - 14)));
    return {
      id: `o${String(i).padStart(6, '0')}`,
      learningCentreId: centreOf.get(m.code) ?? `lc-${m.code}`,
      title: c.label,
      competenceIds: [c.id],
      deliveryMode: rng.weighted(offeringModes, offeringModeCum),
      venueMunicipalityCode: m.code,
      minParticipants: min,
      maxParticipants: min + rng.int(4, 10),
      costFixedSek: rng.int(10, 60) * 1000,
      costPerParticipantSek: rng.int(5, 30) * 100,
      durationDays: rng.int(1, 10),
      startWindows: [...starts]
        .sort((a, b) => a - b)
        .map((d) => ({ from: iso(d), to: iso(d + 13) })),
      language: rng.next() < 0.97 ? 'sv' : 'en',
    };
  });

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
    learningCentres,
    rejectedPairs: [],
    committedNeedIds: [],
    previousProposals: [],
  };
}
