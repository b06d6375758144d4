import fc from 'fast-check';
import type {
  DeliveryMode,
  MatchingInput,
  NeedInput,
  OfferingInput,
} from '../domain/matching-input.types';
import { anInput, municipalityStub } from './matching.stubs';
import { fromDayNumber, toDayNumber } from '../domain/calendar';

/**
 * Random small instances for property specs (a slice of Örebro län, a small taxonomy,
 * tight capacities and costs so that constraints bind).
 */
const codes = Object.values(municipalityStub).map((m) => m.code);
// Few, related competences and generous windows, so that cohorts actually form and constraints bind.
const competenceIds = [
  'truckkort',
  'truckkort-a-b',
  'truckkort-a-b',
  'truckkort-c',
  'svetsning',
  'svetsning-mig',
];
const dates = ['2025-02-03', '2025-03-03', '2025-03-17', '2025-04-07', '2025-05-05'];
const modes: DeliveryMode[] = ['onsite', 'remote', 'hybrid'];

export const needArb = (i: number) =>
  fc
    .record({
      employer: fc.integer({ min: 0, max: 7 }),
      orgSize: fc.constantFrom(3, 12, 40, 300),
      municipalityCode: fc.constantFrom(...codes),
      competence: fc.constantFrom(...competenceIds),
      total: fc.integer({ min: 1, max: 5 }),
      women: fc.integer({ min: 0, max: 5 }),
      start: fc.integer({ min: 0, max: 1 }),
      end: fc.integer({ min: 2, max: 4 }),
      endSlack: fc.integer({ min: 0, max: 30 }),
      modes: fc.subarray(modes, { minLength: 1 }),
      maxTravelKm: fc.integer({ min: 20, max: 150 }),
      maxCost: fc.option(fc.integer({ min: 2_000, max: 9_000 }), { nil: null }),
      language: fc.constantFrom('sv', 'sv', 'sv', 'en'),
    })
    .map((r): NeedInput => ({
      id: `n${String(i).padStart(2, '0')}`,
      employerId: `e${r.employer}`,
      employerName: `Arbetsgivare ${r.employer}`,
      orgSize: r.orgSize,
      municipalityCode: r.municipalityCode,
      competenceIds: [r.competence],
      participants: {
        total: r.total,
        women: Math.min(r.women, r.total),
        men: r.total - Math.min(r.women, r.total),
      },
      earliestStart: dates[r.start],
      latestEnd: addDays(dates[Math.max(r.start + 1, r.end)], r.endSlack),
      deliveryModes: r.modes,
      maxTravelKm: r.maxTravelKm,
      maxCostPerParticipantSek: r.maxCost,
      language: r.language,
      submittedAt: '2025-01-01',
    }));

export const offeringArb = (i: number) =>
  fc
    .record({
      competence: fc.constantFrom(...competenceIds),
      mode: fc.constantFrom(...modes),
      venue: fc.constantFrom(...codes),
      min: fc.integer({ min: 2, max: 6 }),
      extra: fc.integer({ min: 0, max: 8 }),
      fixed: fc.integer({ min: 0, max: 20_000 }),
      perHead: fc.integer({ min: 0, max: 3_000 }),
      duration: fc.integer({ min: 1, max: 10 }),
      windows: fc.uniqueArray(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 3 }),
      language: fc.constantFrom('sv', 'sv', 'en'),
    })
    .map((r): OfferingInput => ({
      id: `o${i}`,
      learningCentreId: 'lc-orebro',
      title: `Kurs ${i}`,
      competenceIds: [r.competence],
      deliveryMode: r.mode,
      venueMunicipalityCode: r.venue,
      minParticipants: r.min,
      maxParticipants: r.min + r.extra,
      costFixedSek: r.fixed,
      costPerParticipantSek: r.perHead,
      durationDays: r.duration,
      startWindows: r.windows.map((w) => ({ from: dates[w], to: addDays(dates[w], 6) })),
      language: r.language,
    }));

/** Instances of up to `maxNeeds` needs and `maxOfferings` offerings (ids sortable by index). */
export const instanceArbOf = (maxNeeds: number, maxOfferings: number) =>
  fc
    .record({
      needCount: fc.integer({ min: 0, max: maxNeeds }),
      offeringCount: fc.integer({ min: 0, max: maxOfferings }),
    })
    .chain(({ needCount, offeringCount }) =>
      fc.record({
        needs: fc.tuple(...Array.from({ length: needCount }, (_, i) => needArb(i))),
        offerings: fc.tuple(...Array.from({ length: offeringCount }, (_, i) => offeringArb(i))),
        rejectedMask: fc.array(fc.tuple(fc.nat(20), fc.nat(6)), { maxLength: 4 }),
        committedMask: fc.array(fc.nat(20), { maxLength: 3 }),
        shuffleSeed: fc.integer(),
      }),
    )
    .map((r): { input: MatchingInput; shuffleSeed: number } => {
      const needs = r.needs as NeedInput[];
      const offerings = r.offerings as OfferingInput[];
      const rejectedPairs = r.rejectedMask
        .filter(([n, o]) => n < needs.length && o < offerings.length)
        .map(([n, o]) => ({ needId: needs[n].id, offeringId: offerings[o].id }));
      const committedNeedIds = r.committedMask
        .filter((n) => n < needs.length)
        .map((n) => needs[n].id);
      return {
        input: anInput({ needs, offerings, rejectedPairs, committedNeedIds }),
        shuffleSeed: r.shuffleSeed,
      };
    });

export const instanceArb = instanceArbOf(14, 5);

export function addDays(iso: string, days: number): string {
  return fromDayNumber(toDayNumber(iso) + days);
}

export function shuffled<T>(list: readonly T[], seed: number): T[] {
  const out = [...list];
  let s = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
