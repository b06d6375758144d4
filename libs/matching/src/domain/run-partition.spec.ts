import fc from 'fast-check';
import { runMatching } from './matching.engine';
import { runPartitions } from './run-partition';
import { buildCandidateGraph } from './candidate-graph.builder';
import { SMALL_RUN_EDGES } from './cohort.optimizer';
import { resolveParameters } from './matching-parameters';
import type { MatchingInput } from './matching-input.types';
import { instanceArbOf } from '../testing/matching.arbitraries';
import { aNeed, anInput, anOffering } from '../testing/matching.stubs';

/** The input of one partition, as a child run loads it: its needs and offerings only. */
function partitionInput(
  input: MatchingInput,
  needIds: string[],
  offeringIds: string[],
  edges: number,
) {
  const needs = new Set(needIds);
  const offerings = new Set(offeringIds);
  return {
    ...input,
    needs: input.needs.filter((n) => needs.has(n.id)),
    offerings: input.offerings.filter((o) => offerings.has(o.id)),
    parameters: { ...input.parameters, wholeRunEdges: edges },
  };
}

describe('runPartitions', () => {
  it('partitions every need once, and the partitions together propose what the whole run does', () => {
    fc.assert(
      fc.property(
        instanceArbOf(24, 8),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 30 }),
        ({ input }, maxParts, sampleNeeds) => {
          const whole = runMatching(input);
          // Small runs: the sample grows to every need, whatever size it starts at.
          const { edges, parts } = runPartitions(input, maxParts, sampleNeeds);
          expect(parts.length).toBeLessThanOrEqual(maxParts);
          expect(parts.flatMap((p) => p.needIds).sort()).toEqual(
            input.needs.map((n) => n.id).sort(),
          );

          const results = parts.map((p) =>
            runMatching(partitionInput(input, p.needIds, p.offeringIds, edges)),
          );
          const view = (r: typeof whole) =>
            r.proposals.map((p) => ({
              id: p.id,
              needs: p.needs.map((n) => n.needId),
              score: p.score,
            }));
          expect(results.flatMap(view).sort((a, b) => a.id.localeCompare(b.id))).toEqual(
            view(whole).sort((a, b) => a.id.localeCompare(b.id)),
          );
          expect(results.flatMap((r) => r.unmetNeedIds).sort()).toEqual(
            [...whole.unmetNeedIds].sort(),
          );
        },
      ),
      { numRuns: 60 },
    );
  });

  it('splits by competence area, joins areas a need spans, and never exceeds the parts allowed', () => {
    const needs = [
      aNeed({ id: 'n-truck', competenceIds: ['truckkort-a-b'] }),
      aNeed({ id: 'n-lager', competenceIds: ['lager'] }),
      aNeed({ id: 'n-svets', competenceIds: ['svetsning-mig'] }),
      aNeed({ id: 'n-excel', competenceIds: ['excel'] }),
      aNeed({ id: 'n-hlr-excel', competenceIds: ['hlr', 'excel'] }),
    ];
    const offerings = [
      anOffering({ id: 'o-truck', competenceIds: ['truckkort'] }),
      anOffering({ id: 'o-heta', competenceIds: ['heta-arbeten'] }),
    ];
    const byNeed = (parts: { needIds: string[]; offeringIds: string[] }[]) =>
      parts.map((p) => [...p.needIds, ...p.offeringIds].sort()).sort();

    expect(byNeed(runPartitions(anInput({ needs, offerings }), 10).parts)).toEqual([
      ['n-excel', 'n-hlr-excel', 'o-heta'],
      ['n-lager', 'n-truck', 'o-truck'],
      ['n-svets'],
    ]);
    expect(runPartitions(anInput({ needs, offerings }), 2).parts).toHaveLength(2);
    expect(byNeed(runPartitions(anInput({ needs, offerings }), 1).parts)).toEqual([
      ['n-excel', 'n-hlr-excel', 'n-lager', 'n-svets', 'n-truck', 'o-heta', 'o-truck'],
    ]);
  });

  it('tells a large run from a sample of its needs, and counts every need of a run that may be small', () => {
    const manyNeeds = (windows: number) =>
      anInput({
        needs: Array.from({ length: 25_000 }, (_, i) =>
          aNeed({ id: `n-${String(i).padStart(5, '0')}`, deliveryModes: ['remote'] }),
        ),
        offerings: [
          anOffering({
            id: 'o-remote',
            deliveryMode: 'remote',
            maxParticipants: 30,
            startWindows: Array.from({ length: windows }, () => ({
              from: '2025-03-03',
              to: '2025-03-14',
            })).map((w, k) => ({ ...w, from: `2025-0${3 + k}-03`, to: `2025-0${3 + k}-14` })),
          }),
        ],
      });
    const params = resolveParameters(undefined);

    // 2 windows: 50,000 pairs; every second need's already more than a small run has.
    const large = manyNeeds(2);
    const sampled = runPartitions(large, 2);
    const whole = buildCandidateGraph(large, params).edgeNeed.length;
    expect(whole).toBeGreaterThan(SMALL_RUN_EDGES);
    expect(sampled.edges).toBeGreaterThan(SMALL_RUN_EDGES);
    expect(sampled.edges).toBeLessThanOrEqual(whole);
    expect(sampled.parts.flatMap((p) => p.needIds)).toHaveLength(25_000);

    // 1 window: 25,000 pairs, above the limit only when every need is counted: counted exactly.
    const borderline = manyNeeds(1);
    expect(runPartitions(borderline, 2).edges).toBe(
      buildCandidateGraph(borderline, params).edgeNeed.length,
    );
  });
});
