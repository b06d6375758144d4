import fc from 'fast-check';
import { runMatching } from './matching.engine';
import { evaluateFit, costPerParticipant, type FitContext } from './fit.rules';
import { CompetenceSimilarity } from './competence-similarity';
import { DistanceTable } from './geo';
import { resolveParameters } from './matching-parameters';
import type { DeliveryMode, MatchingInput, NeedInput, OfferingInput } from './matching-input.types';
import { anInput, competenceStub, municipalityStub } from '../testing/matching.stubs';

/**
 * Properties over thousands of random small instances (a slice of Örebro län, a small taxonomy,
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

const needArb = (i: number) =>
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

const offeringArb = (i: number) =>
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

const instanceArb = fc
  .record({
    needCount: fc.integer({ min: 0, max: 14 }),
    offeringCount: fc.integer({ min: 0, max: 5 }),
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

function addDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

function shuffled<T>(list: readonly T[], seed: number): T[] {
  const out = [...list];
  let s = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

const params = resolveParameters();
const municipalities = Object.values(municipalityStub);
const fitCtx: FitContext = {
  distances: new DistanceTable(municipalities, params.roadFactor),
  similarity: new CompetenceSimilarity(competenceStub),
  parameters: params,
};

describe('runMatching — properties on random instances', () => {
  it('every cohort satisfies every hard rule, its offering min/max and each member max cost', () => {
    let withCohorts = 0;
    let withClusters = 0;
    fc.assert(
      fc.property(instanceArb, ({ input }) => {
        const result = runMatching(input);
        if (result.stats.proposalsJoint > 0) withCohorts++;
        if (result.stats.proposalsNew > 0) withClusters++;
        const needs = new Map(input.needs.map((n) => [n.id, n]));
        const offerings = new Map(input.offerings.map((o) => [o.id, o]));
        for (const p of result.proposals.filter((x) => x.kind === 'joint_initiative')) {
          const o = offerings.get(p.offeringId!)!;
          const size = p.needs.reduce((s, n) => s + needs.get(n.needId)!.participants.total, 0);
          expect(size).toBe(p.participants.total);
          expect(size).toBeGreaterThanOrEqual(o.minParticipants);
          expect(size).toBeLessThanOrEqual(o.maxParticipants);
          expect(o.startWindows).toContainEqual(p.startWindow);
          for (const pn of p.needs) {
            const need = needs.get(pn.needId)!;
            const evaluation = evaluateFit(need, o, p.startWindow!, fitCtx, size);
            expect(evaluation.failures).toEqual([]);
            if (need.maxCostPerParticipantSek != null)
              expect(costPerParticipant(o, size)).toBeLessThanOrEqual(
                need.maxCostPerParticipantSek + 0.01,
              );
          }
        }
      }),
      { numRuns: 1500, seed: 7 },
    );
    // The generator must exercise the optimiser, not pass vacuously.
    expect(withCohorts).toBeGreaterThan(300);
    expect(withClusters).toBeGreaterThan(100);
  });

  it('puts no need in two proposals; rejected pairs and committed needs never appear', () => {
    fc.assert(
      fc.property(instanceArb, ({ input }) => {
        const result = runMatching(input);
        const seen = new Set<string>();
        for (const p of result.proposals)
          for (const n of p.needs) {
            expect(seen.has(n.needId)).toBe(false);
            seen.add(n.needId);
            expect(input.committedNeedIds).not.toContain(n.needId);
            if (p.offeringId)
              expect(input.rejectedPairs).not.toContainEqual({
                needId: n.needId,
                offeringId: p.offeringId,
              });
          }
        for (const id of result.unmetNeedIds) expect(input.committedNeedIds).not.toContain(id);
        const jointIds = result.proposals
          .filter((p) => p.kind === 'joint_initiative')
          .flatMap((p) => p.needs.map((n) => n.needId));
        const considered = input.needs
          .filter((n) => !input.committedNeedIds.includes(n.id))
          .map((n) => n.id);
        expect([...jointIds, ...result.unmetNeedIds].sort()).toEqual([...considered].sort());
        expect(result.stats.objective).toBeGreaterThanOrEqual(result.stats.greedyObjective - 1e-6);
      }),
      { numRuns: 1500, seed: 11 },
    );
  });

  it('gives identical output for any input order', () => {
    fc.assert(
      fc.property(instanceArb, ({ input, shuffleSeed }) => {
        const again: MatchingInput = {
          ...input,
          needs: shuffled(input.needs, shuffleSeed),
          offerings: shuffled(input.offerings, shuffleSeed + 1).map((o) => ({
            ...o,
            startWindows: shuffled(o.startWindows, shuffleSeed),
          })),
          municipalities: shuffled(input.municipalities, shuffleSeed + 2),
          competences: shuffled(input.competences, shuffleSeed + 3),
          learningCentres: shuffled(input.learningCentres, shuffleSeed + 4),
          rejectedPairs: shuffled(input.rejectedPairs, shuffleSeed + 5),
          committedNeedIds: shuffled(input.committedNeedIds, shuffleSeed + 6),
        };
        expect(JSON.stringify(runMatching(again))).toBe(JSON.stringify(runMatching(input)));
      }),
      { numRuns: 1000, seed: 13 },
    );
  });

  it('keeps the ids and statuses of the previous run when nothing changed', () => {
    fc.assert(
      fc.property(instanceArb, ({ input }) => {
        const first = runMatching(input);
        const previousProposals = first.proposals.map((p, i) => ({
          id: `stored-${i}`,
          kind: p.kind,
          status: 'pending',
          offeringId: p.offeringId,
          startWindowFrom: p.startWindow?.from ?? null,
          needIds: p.needs.map((n) => n.needId),
        }));
        const second = runMatching({ ...input, previousProposals });
        expect(second.proposals.map((p) => p.needs.map((n) => n.needId))).toEqual(
          first.proposals.map((p) => p.needs.map((n) => n.needId)),
        );
        const byId = new Map(previousProposals.map((p) => [p.id, p]));
        for (const p of second.proposals) {
          expect(byId.has(p.id)).toBe(true);
          expect(p.previousStatus).toBe('pending');
        }
      }),
      { numRuns: 800, seed: 17 },
    );
  });
});
