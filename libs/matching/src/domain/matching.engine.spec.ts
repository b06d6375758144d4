import { runMatching } from './matching.engine';
import { aNeed, anInput, anOffering, needStub, offeringStub } from '../testing/matching.stubs';

const fourTruckFirms = [
  needStub.truckLindesberg,
  needStub.truckOrebro,
  needStub.truckKarlskoga,
  needStub.truckHallsberg,
];

describe('runMatching — domain cases', () => {
  it('pools four firms needing Truckkort (2+2+3+1) into one Örebro cohort of min 6', () => {
    const result = runMatching(
      anInput({ needs: fourTruckFirms, offerings: [offeringStub.truckOrebro] }),
    );
    expect(result.proposals).toHaveLength(1);
    const [p] = result.proposals;
    expect(p.kind).toBe('joint_initiative');
    expect(p.offeringId).toBe('o-truck-orebro');
    expect(p.venueMunicipalityCode).toBe('1880');
    expect(p.needs.map((n) => n.municipalityCode).sort()).toEqual(['1861', '1880', '1883', '1885']);
    expect(p.participants).toEqual({ total: 8, women: 3, men: 5 });
    expect(p.employers).toBe(4);
    expect(p.costPerParticipantSek).toBe(4_500);
    expect(p.startDate).toBe('2025-03-03');
    expect(p.explanation.summary).toContain('4 arbetsgivare och 8 deltagare');
    expect(p.explanation.factors.map((f) => f.name)).toEqual([
      'deltagare',
      'kompetenslikhet',
      'närhet',
      'småföretag',
      'samverkan',
      'kostnad per deltagare',
      'poäng',
    ]);
    expect(result.unmetNeedIds).toEqual([]);
    expect(result.stats.participantsServed).toBe(8);
  });

  it('leaves out a need 90 km away with the reason and the relaxation that would let it in', () => {
    const result = runMatching(
      anInput({
        needs: [...fourTruckFirms, needStub.truckHalleforsFar],
        offerings: [offeringStub.truckOrebro],
      }),
    );
    const [p] = result.proposals.filter((x) => x.kind === 'joint_initiative');
    expect(p.needs.map((n) => n.needId)).not.toContain('n-hallefors');
    const left = p.explanation.leftOut.find((l) => l.needId === 'n-hallefors');
    expect(left).toEqual({
      needId: 'n-hallefors',
      cause: 'distance',
      reason: 'avstånd 89 km > max 40 km',
    });
    const hint = p.explanation.whatIf.find((w) => w.kind === 'relax_constraint');
    expect(hint).toMatchObject({
      needId: 'n-hallefors',
      constraint: 'distance',
      requiredValue: 89,
    });
    expect(result.unmetNeedIds).toEqual(['n-hallefors']);
  });

  it('reports a cohort of 4 under a minimum of 6 as needing 2 more participants', () => {
    const result = runMatching(
      anInput({
        needs: [needStub.truckLindesberg, needStub.truckOrebro],
        offerings: [offeringStub.truckOrebro],
      }),
    );
    expect(result.proposals.filter((p) => p.kind === 'joint_initiative')).toEqual([]);
    expect(result.belowMinimum).toHaveLength(1);
    const [b] = result.belowMinimum;
    expect(b).toMatchObject({
      offeringId: 'o-truck-orebro',
      participants: 4,
      minParticipants: 6,
      missingParticipants: 2,
    });
    expect(b.whatIf[0].text).toMatch(/^2 fler deltagare behövs för att nå minst 6/);
  });

  it('names nearby demand that would fill a short cohort', () => {
    const lateKarlskoga = aNeed({
      id: 'n-late',
      municipalityCode: '1883',
      latestEnd: '2025-03-10',
      participants: { total: 3, women: 1, men: 2 },
    });
    const result = runMatching(
      anInput({
        needs: [needStub.truckLindesberg, needStub.truckOrebro, lateKarlskoga],
        offerings: [offeringStub.truckOrebro],
      }),
    );
    const [b] = result.belowMinimum;
    const more = b.whatIf[0];
    expect(more.kind === 'more_participants' && more.nearbyDemand).toEqual([
      { municipalityCode: '1883', participants: 3, needIds: ['n-late'] },
    ]);
    expect(more.text).toContain('Karlskoga (3 deltagare)');
    expect(b.whatIf[1]).toMatchObject({
      kind: 'relax_constraint',
      needId: 'n-late',
      constraint: 'time',
    });
  });

  it('lets pooling make an offer affordable within each max cost', () => {
    const thrifty = fourTruckFirms.map((n) => ({ ...n, maxCostPerParticipantSek: 4_600 }));
    const result = runMatching(anInput({ needs: thrifty, offerings: [offeringStub.truckOrebro] }));
    expect(result.proposals[0].participants.total).toBe(8);
    expect(result.proposals[0].costPerParticipantSek).toBeLessThanOrEqual(4_600);
    const stingy = fourTruckFirms.map((n) => ({ ...n, maxCostPerParticipantSek: 4_000 }));
    const none = runMatching(anInput({ needs: stingy, offerings: [offeringStub.truckOrebro] }));
    expect(none.proposals.filter((p) => p.kind === 'joint_initiative')).toEqual([]);
  });

  it('never re-proposes a rejected pair and never touches committed needs', () => {
    const extra = aNeed({
      id: 'n-extra',
      municipalityCode: '1880',
      participants: { total: 2, women: 1, men: 1 },
    });
    const result = runMatching(
      anInput({
        needs: [...fourTruckFirms, extra],
        offerings: [offeringStub.truckOrebro],
        rejectedPairs: [{ needId: 'n-karlskoga', offeringId: 'o-truck-orebro' }],
        committedNeedIds: ['n-hallsberg'],
      }),
    );
    const ids = result.proposals.flatMap((p) => p.needs.map((n) => n.needId));
    expect(ids).not.toContain('n-karlskoga');
    expect(ids).not.toContain('n-hallsberg');
    expect(result.unmetNeedIds).not.toContain('n-hallsberg');
    expect(result.proposals[0].participants.total).toBe(6);
    expect(result.stats.needsCommitted).toBe(1);
  });

  it('keeps the id and status of an unchanged proposal from the previous run', () => {
    const input = anInput({ needs: fourTruckFirms, offerings: [offeringStub.truckOrebro] });
    const first = runMatching(input).proposals[0];
    expect(first.id).toMatch(/^jp-[0-9a-f]{16}$/);
    const again = runMatching({
      ...input,
      previousProposals: [
        {
          id: 'db-uuid-1',
          kind: 'joint_initiative',
          status: 'pending',
          offeringId: 'o-truck-orebro',
          startWindowFrom: '2025-03-03',
          needIds: fourTruckFirms.map((n) => n.id).reverse(),
        },
      ],
    }).proposals[0];
    expect(again.id).toBe('db-uuid-1');
    expect(again.previousStatus).toBe('pending');
    const changed = runMatching({ ...input, needs: fourTruckFirms.slice(0, 3) }).proposals[0];
    expect(changed.id).not.toBe(first.id);
  });

  it('does not reuse the start window of an approved initiative', () => {
    const result = runMatching(
      anInput({
        needs: fourTruckFirms,
        offerings: [offeringStub.truckOrebro],
        previousProposals: [
          {
            id: 'p1',
            kind: 'joint_initiative',
            status: 'approved',
            offeringId: 'o-truck-orebro',
            startWindowFrom: '2025-03-03',
            needIds: ['x'],
          },
        ],
      }),
    );
    expect(result.proposals.filter((p) => p.kind === 'joint_initiative')).toEqual([]);
  });

  it('splits demand over two start windows when one cohort is full', () => {
    const offering = anOffering({
      id: 'o-two',
      minParticipants: 4,
      maxParticipants: 6,
      startWindows: [
        { from: '2025-04-07', to: '2025-04-11' },
        { from: '2025-03-03', to: '2025-03-07' },
      ],
    });
    const needs = [1, 2, 3, 4, 5, 6].map((i) =>
      aNeed({ id: `n${i}`, participants: { total: 2, women: 1, men: 1 } }),
    );
    const result = runMatching(anInput({ needs, offerings: [offering] }));
    const joint = result.proposals.filter((p) => p.kind === 'joint_initiative');
    expect(joint).toHaveLength(2);
    expect(joint.map((p) => p.participants.total)).toEqual([6, 6]);
  });

  it('turns needs that fit nothing into a new initiative for the centre serving most employers', () => {
    const welding = ['1880', '1880', '1861', '1885'].map((m, i) =>
      aNeed({
        id: `w${i}`,
        municipalityCode: m,
        competenceIds: ['svetsning-mig'],
        participants: { total: 2, women: 0, men: 2 },
      }),
    );
    const result = runMatching(anInput({ needs: welding, offerings: [offeringStub.truckOrebro] }));
    const fresh = result.proposals.filter((p) => p.kind === 'new_initiative');
    expect(fresh).toHaveLength(1);
    expect(fresh[0]).toMatchObject({
      suggestedLearningCentreId: 'lc-orebro',
      employers: 4,
      theme: 'svets',
      offeringId: null,
    });
    expect(fresh[0].participants.total).toBe(8);
    expect(fresh[0].explanation.summary).toContain('Ny utbildningsinsats i Svetsning MIG/MAG');
    expect(result.unmetClusters).toEqual([
      expect.objectContaining({ viable: true, proposalId: fresh[0].id }),
    ]);
  });

  it('reports an unviable cluster with how many more participants it needs', () => {
    const welding = [
      aNeed({
        id: 'w1',
        competenceIds: ['svetsning-tig'],
        participants: { total: 3, women: 1, men: 2 },
      }),
    ];
    const result = runMatching(anInput({ needs: welding, offerings: [] }));
    expect(result.proposals).toEqual([]);
    expect(result.unmetClusters).toHaveLength(1);
    expect(result.unmetClusters[0].viable).toBe(false);
    expect(result.unmetClusters[0].whatIf[0]).toMatchObject({
      kind: 'more_participants',
      missingParticipants: 3,
    });
  });

  it('groups proposals of one county and theme into an ESF draft with call-rule flags', () => {
    const result = runMatching(
      anInput({
        needs: fourTruckFirms,
        offerings: [offeringStub.truckOrebro],
        parameters: { esf: { budgetMinSek: 10_000, genderBalanceMinShare: 0.4 } },
      }),
    );
    expect(result.projectDrafts).toHaveLength(1);
    const [d] = result.projectDrafts;
    expect(d).toMatchObject({
      countyCode: '18',
      theme: 'logistik',
      employers: 4,
      budgetSek: 36_000,
      smeShare: 1,
    });
    expect(d.participants).toEqual({ total: 8, women: 3, men: 5 });
    expect(d.flags).toEqual(['gender_balance_not_met']);
    expect(d.eligible).toBe(true);
    expect(d.horizontalCriteria.genderEquality.text).toContain('38 % kvinnor');

    const strict = runMatching(
      anInput({
        needs: fourTruckFirms,
        offerings: [offeringStub.truckOrebro],
        parameters: { esf: { minEmployers: 5 } },
      }),
    );
    expect(strict.projectDrafts[0].flags).toEqual(
      expect.arrayContaining(['too_few_employers', 'budget_below_minimum']),
    );
    expect(strict.projectDrafts[0].eligible).toBe(false);
  });

  it('prefers pooling several small employers over one large employer', () => {
    const big = aNeed({
      id: 'big',
      employerId: 'big',
      orgSize: 900,
      participants: { total: 6, women: 3, men: 3 },
    });
    const small = [1, 2, 3].map((i) =>
      aNeed({ id: `s${i}`, participants: { total: 2, women: 1, men: 1 } }),
    );
    const offering = anOffering({ id: 'o1', minParticipants: 6, maxParticipants: 6 });
    const result = runMatching(anInput({ needs: [big, ...small], offerings: [offering] }));
    expect(result.proposals[0].needs.map((n) => n.needId)).toEqual(['s1', 's2', 's3']);
  });
});
