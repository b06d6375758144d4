import { needIdsIn, scopeExplanation } from './explanation.scope';

describe('scopeExplanation', () => {
  const explanation = {
    summary: '8 deltagare från 3 arbetsgivare',
    factors: [{ name: 'fit', value: 1, weight: 1, detail: 'x' }],
    leftOut: [
      { needId: 'n-own', cause: 'distance', reason: 'avstånd 90 km > max 40 km' },
      { needId: 'n-far', cause: 'distance', reason: 'avstånd 200 km > max 40 km' },
    ],
    whatIf: [
      { kind: 'relax_constraint', needId: 'n-far', text: 'Bygg i Flen AB: med 200 km kan …' },
      { kind: 'relax_constraint', needId: 'n-own', text: 'Lager i Örebro AB: med 90 km kan …' },
      {
        kind: 'more_participants',
        missingParticipants: 2,
        nearbyDemand: [
          { municipalityCode: '1880', participants: 3, needIds: ['n-own'] },
          { municipalityCode: '0482', participants: 4, needIds: ['n-far'] },
        ],
        text: '2 fler deltagare behövs för att nå minst 6. Närliggande efterfrågan: Örebro (3 deltagare), Flen (4 deltagare).',
      },
    ],
  };
  const where = new Map([
    ['n-own', '1880'],
    ['n-far', '0482'],
  ]);

  it('names every need the explanation mentions', () => {
    expect(needIdsIn(explanation).sort()).toEqual(['n-far', 'n-own']);
  });

  it('drops left-out needs, hints and nearby demand outside the municipalities', () => {
    const scoped = scopeExplanation(explanation, new Set(['1880']), where) as typeof explanation;
    expect(scoped.summary).toBe(explanation.summary);
    expect(scoped.leftOut.map((l) => l.needId)).toEqual(['n-own']);
    expect(JSON.stringify(scoped)).not.toMatch(/Flen|n-far|0482/);
    expect(scoped.whatIf[1]).toMatchObject({
      kind: 'more_participants',
      nearbyDemand: [{ municipalityCode: '1880' }],
      text: '2 fler deltagare behövs för att nå minst 6.',
    });
  });

  it('keeps everything when all of it is in scope', () => {
    expect(scopeExplanation(explanation, new Set(['1880', '0482']), where)).toEqual(explanation);
  });
});
