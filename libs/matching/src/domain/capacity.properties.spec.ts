import fc from 'fast-check';
import { runMatching } from './matching.engine';
import { evaluateFit, type FitContext } from './fit.rules';
import { CompetenceSimilarity } from './competence-similarity';
import { DistanceTable } from './geo';
import { resolveParameters } from './matching-parameters';
import { windowGroups, windowKey } from './capacity.rules';
import type { MatchingInput, WindowCommitment } from './matching-input.types';
import { competenceStub, municipalityStub } from '../testing/matching.stubs';
import { instanceArbOf } from '../testing/matching.arbitraries';

/**
 * Capacity on random instances with existing commitments: whatever the input, no start window
 * gets more new cohorts than it has free groups, no cohort more than a group's seats, and no
 * planned initiative more joining participants than it has free seats.
 */
const params = resolveParameters();
const fitCtx: FitContext = {
  distances: new DistanceTable(Object.values(municipalityStub), params.roadFactor),
  similarity: new CompetenceSimilarity(competenceStub),
  parameters: params,
};

/** Random groups per window and random commitments (used groups, planned initiatives) on them. */
const withCommitments = instanceArbOf(14, 4).chain(({ input }) => {
  const windows = input.offerings.flatMap((o) =>
    o.startWindows.map((w) => ({ offering: o, window: w })),
  );
  return fc
    .tuple(
      ...windows.map(({ offering }) =>
        fc.record({
          groups: fc.integer({ min: 1, max: 3 }),
          used: fc.integer({ min: 0, max: 3 }),
          planned: fc.array(fc.integer({ min: 1, max: offering.maxParticipants }), {
            maxLength: 2,
          }),
        }),
      ),
    )
    .map((drawn): MatchingInput => {
      const groupsOf = new Map<string, number>();
      const commitments: WindowCommitment[] = [];
      drawn.forEach((d, i) => {
        const { offering, window } = windows[i];
        groupsOf.set(windowKey(offering.id, window.from), d.groups);
        const planned = d.planned.map((participants, k) => ({
          id: `i-${offering.id}-${window.from}-${k}`,
          participants,
          startDate: window.from,
        }));
        if (d.used > 0 || planned.length > 0)
          commitments.push({
            offeringId: offering.id,
            startWindowFrom: window.from,
            groupsUsed: Math.max(d.used, planned.length),
            planned,
          });
      });
      return {
        ...input,
        offerings: input.offerings.map((o) => ({
          ...o,
          startWindows: o.startWindows.map((w) => ({
            ...w,
            groups: groupsOf.get(windowKey(o.id, w.from)),
          })),
        })),
        commitments,
      };
    });
});

describe('capacity — properties on random instances with commitments', () => {
  it('proposes no more than the free groups and seats of any start window', () => {
    let fills = 0;
    let joint = 0;
    let blocked = 0;
    fc.assert(
      fc.property(withCommitments, (input) => {
        const result = runMatching(input);
        const offerings = new Map(input.offerings.map((o) => [o.id, o]));
        const needs = new Map(input.needs.map((n) => [n.id, n]));
        const used = new Map<string, number>();
        for (const c of input.commitments ?? [])
          used.set(windowKey(c.offeringId, c.startWindowFrom), c.groupsUsed);
        const planned = new Map(
          (input.commitments ?? []).flatMap((c) => c.planned.map((p) => [p.id, p])),
        );

        const newGroups = new Map<string, number>();
        const joining = new Map<string, number>();
        for (const p of result.proposals) {
          if (p.kind === 'new_initiative') continue;
          const o = offerings.get(p.offeringId!)!;
          const key = windowKey(o.id, p.startWindow!.from);
          const size = p.needs.reduce((s, n) => s + needs.get(n.needId)!.participants.total, 0);
          if (p.kind === 'joint_initiative') {
            joint++;
            newGroups.set(key, (newGroups.get(key) ?? 0) + 1);
            expect(size).toBeLessThanOrEqual(o.maxParticipants);
          } else {
            fills++;
            const initiative = planned.get(p.initiativeId!)!;
            joining.set(initiative.id, (joining.get(initiative.id) ?? 0) + size);
            for (const pn of p.needs) {
              const need = needs.get(pn.needId)!;
              const total = initiative.participants + size;
              expect(evaluateFit(need, o, p.startWindow!, fitCtx, total).failures).toEqual([]);
            }
          }
        }
        for (const o of input.offerings)
          for (const w of o.startWindows) {
            const key = windowKey(o.id, w.from);
            const free = Math.max(0, windowGroups(w) - (used.get(key) ?? 0));
            if (free === 0) blocked++;
            expect(newGroups.get(key) ?? 0).toBeLessThanOrEqual(free);
          }
        for (const [id, seats] of joining) {
          const initiative = planned.get(id)!;
          const c = (input.commitments ?? []).find((x) => x.planned.includes(initiative))!;
          const max = offerings.get(c.offeringId)!.maxParticipants;
          expect(initiative.participants + seats).toBeLessThanOrEqual(max);
        }
        // A need is in at most one proposal of any kind.
        const ids = result.proposals.flatMap((p) => p.needs.map((n) => n.needId));
        expect(new Set(ids).size).toBe(ids.length);
      }),
      { numRuns: 600, seed: 21 },
    );
    // The generator must exercise every branch, not pass vacuously.
    expect(joint).toBeGreaterThan(50);
    expect(fills).toBeGreaterThan(50);
    expect(blocked).toBeGreaterThan(50);
  });
});
