import fc from 'fast-check';
import { runMatching } from './matching.engine';
import { evaluateFit, costPerParticipant, type FitContext } from './fit.rules';
import { CompetenceSimilarity } from './competence-similarity';
import { DistanceTable } from './geo';
import { resolveParameters } from './matching-parameters';
import type { MatchingInput } from './matching-input.types';
import { competenceStub, municipalityStub } from '../testing/matching.stubs';
import { instanceArb, shuffled } from '../testing/matching.arbitraries';

/**
 * Properties over thousands of random small instances (a slice of Örebro län, a small taxonomy,
 * tight capacities and costs so that constraints bind).
 */
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
