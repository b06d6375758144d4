import fc from 'fast-check';
import { runMatching } from './matching.engine';
import type { MatchingInput, PreviousProposal } from './matching-input.types';
import type { MatchingResult } from './matching-result.types';
import { aNeed, anOffering } from '../testing/matching.stubs';
import { instanceArb, instanceArbOf, shuffled } from '../testing/matching.arbitraries';

/**
 * Local determinism: a change in one connected component of the candidate graph never changes
 * the proposals of another, with or without the previous run passed in; and set-like lists mean
 * the same in any order.
 */

/** A need on its own: a competence no other need or offering has, and an offering it cannot fill. */
const isolatedNeed = aNeed({
  id: 'n-isolated',
  municipalityCode: '1981',
  competenceIds: ['excel'],
  participants: { total: 2, women: 1, men: 1 },
});
const isolatedOffering = anOffering({
  id: 'o-isolated-excel',
  title: 'Excel grundkurs',
  competenceIds: ['excel'],
  venueMunicipalityCode: '1981',
  minParticipants: 8,
  maxParticipants: 12,
});

function asPrevious(result: MatchingResult): PreviousProposal[] {
  return result.proposals.map((p) => ({
    id: p.id,
    kind: p.kind,
    status: 'pending',
    offeringId: p.offeringId,
    startWindowFrom: p.startWindow?.from ?? null,
    needIds: p.needs.map((n) => n.needId),
  }));
}

describe('runMatching — local determinism', () => {
  it('adding a need in its own component changes no other proposal (id or content)', () => {
    fc.assert(
      fc.property(instanceArbOf(30, 8), fc.boolean(), ({ input }, withPrevious) => {
        const base: MatchingInput = { ...input, offerings: [...input.offerings, isolatedOffering] };
        const first = runMatching(base);
        const previousProposals = withPrevious ? asPrevious(first) : [];
        const before = runMatching({ ...base, previousProposals });
        const after = runMatching({
          ...base,
          needs: [...base.needs, isolatedNeed],
          previousProposals,
        });
        const others = after.proposals.filter(
          (p) => !p.needs.some((n) => n.needId === isolatedNeed.id),
        );
        expect(others).toEqual(before.proposals);
      }),
      { numRuns: 200, seed: 23 },
    );
  });

  it('permuting or repeating set-like lists (competences, modes, windows, municipalities) changes nothing', () => {
    fc.assert(
      fc.property(
        instanceArb,
        fc.array(fc.constantFrom('truckkort-c', 'svetsning-mig', 'excel', 'lager'), {
          minLength: 14,
          maxLength: 14,
        }),
        fc.integer(),
        ({ input }, extra, seed) => {
          // Some needs and offerings get a second competence, so the order of the list matters
          // to anything that reads only its first entry.
          const twoCompetences: MatchingInput = {
            ...input,
            needs: input.needs.map((n, i) =>
              i % 2 === 0 ? { ...n, competenceIds: [...n.competenceIds, extra[i]] } : n,
            ),
            offerings: input.offerings.map((o, i) =>
              i % 3 === 0 ? { ...o, competenceIds: [...o.competenceIds, extra[i]] } : o,
            ),
          };
          const permuted: MatchingInput = {
            ...twoCompetences,
            needs: twoCompetences.needs.map((n, i) => ({
              ...n,
              competenceIds: shuffled([...n.competenceIds, n.competenceIds[0]], seed + i),
              deliveryModes: shuffled([...n.deliveryModes, ...n.deliveryModes], seed - i),
            })),
            offerings: twoCompetences.offerings.map((o, i) => ({
              ...o,
              competenceIds: shuffled(o.competenceIds, seed + 7 * i).reverse(),
              startWindows: shuffled([...o.startWindows, o.startWindows[0]], seed + 11 * i),
            })),
            learningCentres: twoCompetences.learningCentres.map((c, i) => ({
              ...c,
              municipalityCodes: shuffled([...c.municipalityCodes, '1880'], seed + i),
            })),
          };
          const canonical: MatchingInput = {
            ...twoCompetences,
            learningCentres: twoCompetences.learningCentres.map((c) => ({
              ...c,
              municipalityCodes: [...c.municipalityCodes, '1880'],
            })),
          };
          expect(JSON.stringify(runMatching(permuted))).toBe(
            JSON.stringify(runMatching(canonical)),
          );
        },
      ),
      { numRuns: 400, seed: 29 },
    );
  });

  it('seeds a new initiative from the same competence whatever the order of the need’s list', () => {
    const needs = [1, 2, 3, 4].map((i) =>
      aNeed({
        id: `n${i}`,
        competenceIds: i === 1 ? ['truckkort-a-b', 'excel'] : ['excel'],
        participants: { total: 2, women: 1, men: 1 },
      }),
    );
    const reversed = needs.map((n) => ({ ...n, competenceIds: [...n.competenceIds].reverse() }));
    const a = runMatching({ ...baseInput(), needs });
    const b = runMatching({ ...baseInput(), needs: reversed });
    const [proposal] = a.proposals.filter((p) => p.kind === 'new_initiative');
    expect(proposal.competenceIds).toEqual(['excel']);
    expect(proposal.participants.total).toBe(8);
    expect(b.proposals).toEqual(a.proposals);
  });
});

function baseInput(): MatchingInput {
  return {
    needs: [],
    offerings: [],
    municipalities: [
      { code: '1880', countyCode: '18', lat: 59.27, lon: 15.21, name: 'Örebro' },
      { code: '1981', countyCode: '19', lat: 59.92, lon: 16.6, name: 'Sala' },
    ],
    competences: [
      { id: 'truckkort', area: 'logistik', broaderId: null, label: 'Truckkort' },
      { id: 'truckkort-a-b', area: 'logistik', broaderId: 'truckkort', label: 'Truckkort A+B' },
      { id: 'excel', area: 'it', broaderId: null, label: 'Excel grundkurs' },
    ],
    learningCentres: [
      {
        id: 'lc-orebro',
        municipalityCodes: ['1880'],
        seatMunicipalityCode: '1880',
        name: 'Lärcentrum Örebro',
      },
    ],
    rejectedPairs: [],
    committedNeedIds: [],
    previousProposals: [],
  };
}
