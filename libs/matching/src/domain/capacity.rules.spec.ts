import { runMatching } from './matching.engine';
import { aNeed, anInput, anOffering } from '../testing/matching.stubs';
import type { WindowCommitment } from './matching-input.types';

/** The course in Karlskoga: min 2, max 8, one start window. */
const karlskoga = anOffering({
  id: 'o-karlskoga',
  venueMunicipalityCode: '1883',
  minParticipants: 2,
  maxParticipants: 8,
  costFixedSek: 8_000,
});
const threeLateNeeds = [
  aNeed({ id: 'n-a', municipalityCode: '1883', participants: { total: 3, women: 1, men: 2 } }),
  aNeed({ id: 'n-b', municipalityCode: '1883', participants: { total: 2, women: 1, men: 1 } }),
  aNeed({ id: 'n-c', municipalityCode: '1883', participants: { total: 2, women: 0, men: 2 } }),
];
const holding = (participants: number): WindowCommitment => ({
  offeringId: 'o-karlskoga',
  startWindowFrom: '2025-03-03',
  groupsUsed: 1,
  planned: [{ id: 'i-planned', participants, startDate: '2025-03-03' }],
});

describe('capacity rules', () => {
  it('a window with a free group gets a new cohort', () => {
    const result = runMatching(anInput({ needs: threeLateNeeds, offerings: [karlskoga] }));
    expect(result.proposals.map((p) => [p.kind, p.participants.total])).toEqual([
      ['joint_initiative', 7],
    ]);
  });

  it('after an initiative took 7 of 8 seats, three new needs get no fresh cohort of 7', () => {
    const result = runMatching(
      anInput({ needs: threeLateNeeds, offerings: [karlskoga], commitments: [holding(7)] }),
    );
    // No cohort on the full window; the needs may only ask for a new course elsewhere.
    expect(result.proposals.filter((p) => p.offeringId === 'o-karlskoga')).toEqual([]);
    expect(result.proposals.map((p) => p.kind)).toEqual(['new_initiative']);
    expect(result.stats.slots).toBe(0);
  });

  it('a second group of the window takes a new cohort next to the planned one', () => {
    const twoGroups = {
      ...karlskoga,
      startWindows: [{ ...karlskoga.startWindows[0], groups: 2 }],
    };
    const result = runMatching(
      anInput({ needs: threeLateNeeds, offerings: [twoGroups], commitments: [holding(7)] }),
    );
    expect(result.proposals.map((p) => [p.kind, p.participants.total])).toEqual([
      ['joint_initiative', 7],
    ]);
  });

  it('fills the seats left in a planned initiative with the most that fit', () => {
    const result = runMatching(
      anInput({ needs: threeLateNeeds, offerings: [karlskoga], commitments: [holding(4)] }),
    );
    expect(result.proposals).toHaveLength(1);
    const [fill] = result.proposals;
    expect(fill.kind).toBe('fill_initiative');
    expect(fill.id).toMatch(/^fp-/);
    expect(fill.initiativeId).toBe('i-planned');
    expect(fill.startWindow).toEqual(karlskoga.startWindows[0]);
    expect(fill.participants.total).toBe(4);
    expect(fill.needs.map((n) => n.needId)).toEqual(['n-b', 'n-c']);
    // 8 000 kr shared by 8 participants + 1 500 kr each.
    expect(fill.costPerParticipantSek).toBe(2_500);
    expect(fill.explanation.summary).toContain('4 lediga platser av 8');
    expect(fill.explanation.factors[0]).toMatchObject({ name: 'lediga platser', value: 4 });
    expect(result.unmetNeedIds).toEqual(['n-a']);
    expect(result.stats.proposalsFill).toBe(1);
  });

  it('keeps a fill proposal id stable and takes no one into an initiative that has started', () => {
    const input = anInput({
      needs: threeLateNeeds,
      offerings: [karlskoga],
      commitments: [holding(4)],
    });
    expect(runMatching(input).proposals[0].id).toBe(runMatching(input).proposals[0].id);
    const started = runMatching({ ...input, today: '2025-03-05' });
    expect(started.proposals.filter((p) => p.kind === 'fill_initiative')).toEqual([]);
  });

  it('never fills with a need whose pair a broker rejected', () => {
    const result = runMatching(
      anInput({
        needs: threeLateNeeds,
        offerings: [karlskoga],
        commitments: [holding(4)],
        rejectedPairs: [{ needId: 'n-b', offeringId: 'o-karlskoga' }],
      }),
    );
    expect(result.proposals[0].needs.map((n) => n.needId)).toEqual(['n-a']);
  });

  it('without commitments an approved previous cohort still holds its group', () => {
    const result = runMatching(
      anInput({
        needs: threeLateNeeds,
        offerings: [karlskoga],
        previousProposals: [
          {
            id: 'jp-old',
            kind: 'joint_initiative',
            status: 'approved',
            offeringId: 'o-karlskoga',
            startWindowFrom: '2025-03-03',
            needIds: ['n-old'],
          },
        ],
      }),
    );
    expect(result.proposals.filter((p) => p.offeringId === 'o-karlskoga')).toEqual([]);
  });
});
