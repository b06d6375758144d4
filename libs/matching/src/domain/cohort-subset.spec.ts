import { runMatching } from './matching.engine';
import { aNeed, anInput, anOffering } from '../testing/matching.stubs';

/**
 * Issue 20's example: offering A (Karlskoga, min 10) and offering B (Lindesberg, min 7). Six
 * participants fit only A, six only B, and three Örebro needs of 2 + 2 + 1 fit both. Opening A
 * needs only 2 + 2 of the shared needs; B keeps the 1 and still reaches its minimum.
 */
function example() {
  const onlyA = [1, 2, 3].map((i) =>
    aNeed({
      id: `a${i}`,
      municipalityCode: '1883',
      maxTravelKm: 20,
      participants: { total: 2, women: 1, men: 1 },
    }),
  );
  const onlyB = [1, 2, 3].map((i) =>
    aNeed({
      id: `b${i}`,
      municipalityCode: '1885',
      maxTravelKm: 20,
      participants: { total: 2, women: 1, men: 1 },
    }),
  );
  const shared = [2, 2, 1].map((total, i) =>
    aNeed({
      id: `s${i + 1}`,
      municipalityCode: '1880',
      maxTravelKm: 80,
      participants: { total, women: 1, men: total - 1 },
    }),
  );
  const offeringA = anOffering({
    id: 'o-a-karlskoga',
    venueMunicipalityCode: '1883',
    minParticipants: 10,
    maxParticipants: 12,
  });
  const offeringB = anOffering({
    id: 'o-b-lindesberg',
    learningCentreId: 'lc-lindesberg',
    venueMunicipalityCode: '1885',
    minParticipants: 7,
    maxParticipants: 12,
  });
  return anInput({ needs: [...onlyA, ...onlyB, ...shared], offerings: [offeringA, offeringB] });
}

describe('runMatching — moving a subset of a cohort', () => {
  it('opens A with 10 and keeps B with 7 (17 served) instead of B alone with 11', () => {
    const result = runMatching(example());
    const joint = result.proposals.filter((p) => p.kind === 'joint_initiative');
    const byOffering = new Map(joint.map((p) => [p.offeringId, p]));
    expect(byOffering.get('o-a-karlskoga')?.participants.total).toBe(10);
    expect(byOffering.get('o-b-lindesberg')?.participants.total).toBe(7);
    expect(result.stats.participantsServed).toBe(17);
    expect(result.unmetNeedIds).toEqual([]);
  });
});
