import { CompetenceSimilarity } from './competence-similarity';
import { DistanceTable } from './geo';
import { resolveParameters } from './matching-parameters';
import {
  costPerParticipant,
  evaluateFit,
  minCohortSizeForCost,
  timeFits,
  type FitContext,
} from './fit.rules';
import { toDayNumber } from './calendar';
import { aNeed, anOffering, competenceStub, municipalityStub } from '../testing/matching.stubs';

const parameters = resolveParameters();
const ctx: FitContext = {
  distances: new DistanceTable(Object.values(municipalityStub), parameters.roadFactor),
  similarity: new CompetenceSimilarity(competenceStub),
  parameters,
};
const window = { from: '2025-03-03', to: '2025-03-14' };

describe('fit rules', () => {
  it('accepts a need that satisfies every hard rule', () => {
    const r = evaluateFit(aNeed({ id: 'n1' }), anOffering({ id: 'o1' }), window, ctx);
    expect(r.fits).toBe(true);
    expect(r.similarity).toBe(1);
    expect(r.distanceKm).toBe(0);
    expect(r.fit).toBe(1);
  });

  it('leaves out a need beyond its max travel with the distance in Swedish', () => {
    const r = evaluateFit(
      aNeed({ id: 'n1', municipalityCode: '1863', maxTravelKm: 40 }),
      anOffering({ id: 'o1' }),
      window,
      ctx,
    );
    expect(r.fits).toBe(false);
    expect(r.failures).toHaveLength(1);
    expect(r.failures[0].constraint).toBe('distance');
    expect(r.failures[0].reason).toMatch(/^avstånd (8\d|9\d) km > max 40 km$/);
  });

  it('ignores distance for remote offerings', () => {
    const r = evaluateFit(
      aNeed({ id: 'n1', municipalityCode: '0583', maxTravelKm: 10, deliveryModes: ['remote'] }),
      anOffering({ id: 'o1', deliveryMode: 'remote' }),
      window,
      ctx,
    );
    expect(r.fits).toBe(true);
    expect(r.distanceKm).toBeNull();
  });

  it('needs the whole start window plus the course inside the need window', () => {
    const from = toDayNumber('2025-03-03');
    const to = toDayNumber('2025-03-14');
    expect(timeFits(from, to + 2, from, to, 3)).toBe(true);
    expect(timeFits(from, to + 1, from, to, 3)).toBe(false);
    expect(timeFits(from + 1, to + 10, from, to, 3)).toBe(false);
    const r = evaluateFit(
      aNeed({ id: 'n1', latestEnd: '2025-03-10' }),
      anOffering({ id: 'o1' }),
      window,
      ctx,
    );
    expect(r.failures.map((f) => f.constraint)).toEqual(['time']);
    expect(r.failures[0].relaxation).toBe('om senaste slut flyttas till 2025-03-16');
  });

  it('grades competence similarity and rejects cousins and other areas', () => {
    const sibling = evaluateFit(
      aNeed({ id: 'n1', competenceIds: ['truckkort-c'] }),
      anOffering({ id: 'o1' }),
      window,
      ctx,
    );
    expect(sibling.similarity).toBeCloseTo(0.6);
    expect(sibling.fits).toBe(true);
    const other = evaluateFit(
      aNeed({ id: 'n1', competenceIds: ['excel'] }),
      anOffering({ id: 'o1' }),
      window,
      ctx,
    );
    expect(other.failures[0].reason).toBe('kompetenslikhet 0,00 < krav 0,60');
  });

  it('reports language, delivery mode and size in Swedish', () => {
    const r = evaluateFit(
      aNeed({
        id: 'n1',
        language: 'en',
        deliveryModes: ['remote'],
        participants: { total: 14, women: 7, men: 7 },
      }),
      anOffering({ id: 'o1' }),
      window,
      ctx,
    );
    expect(r.failures.map((f) => f.reason)).toEqual([
      'leveransform på plats passar inte (behovet godtar på distans)',
      'språk sv ≠ en',
      '14 deltagare > max 12 per kurs',
    ]);
  });

  describe('cost per participant depends on the cohort size', () => {
    const offering = anOffering({ id: 'o1', costFixedSek: 24_000, costPerParticipantSek: 1_500 });

    it('shares the fixed cost', () => {
      expect(costPerParticipant(offering, 8)).toBe(4_500);
      expect(costPerParticipant(offering, 12)).toBe(3_500);
    });

    it('finds the smallest affordable cohort size', () => {
      expect(minCohortSizeForCost(offering, null)).toBe(0);
      expect(minCohortSizeForCost(offering, 4_500)).toBe(8);
      expect(minCohortSizeForCost(offering, 4_499)).toBe(9);
      expect(minCohortSizeForCost(offering, 1_499)).toBe(Number.POSITIVE_INFINITY);
      expect(minCohortSizeForCost(offering, 1_500)).toBeGreaterThan(100_000);
    });

    it('makes an offer affordable through pooling', () => {
      const need = aNeed({ id: 'n1', maxCostPerParticipantSek: 4_000 });
      const alone = evaluateFit(need, offering, window, ctx, 2);
      expect(alone.failures[0].reason).toBe(
        'kostnad 13 500 kr/deltagare vid 2 deltagare > max 4 000 kr',
      );
      expect(evaluateFit(need, offering, window, ctx, 10).fits).toBe(true);
    });
  });
});

describe('evaluateFit — delivery modes in the reason', () => {
  it('lists the accepted modes in one order whatever the need gave', () => {
    const ctx: FitContext = {
      distances: new DistanceTable(Object.values(municipalityStub), 1.3),
      similarity: new CompetenceSimilarity(competenceStub),
      parameters: resolveParameters(),
    };
    const offering = anOffering({ id: 'o-remote', deliveryMode: 'remote' });
    const a = evaluateFit(
      aNeed({ id: 'n1', deliveryModes: ['hybrid', 'onsite'] }),
      offering,
      offering.startWindows[0],
      ctx,
    );
    const b = evaluateFit(
      aNeed({ id: 'n1', deliveryModes: ['onsite', 'hybrid'] }),
      offering,
      offering.startWindows[0],
      ctx,
    );
    expect(a.failures[0].reason).toBe(
      'leveransform på distans passar inte (behovet godtar på plats, kombinerat på plats och på distans)',
    );
    expect(b.failures[0].reason).toBe(a.failures[0].reason);
  });
});
