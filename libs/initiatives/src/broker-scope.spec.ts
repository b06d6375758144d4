import { AuthUser } from '@km/auth';
import { DecisionFacts, mayDecide } from './broker-scope';

const broker = (learningCentreId: string, municipalityCodes: string[]): AuthUser => ({
  id: `u-${learningCentreId}`,
  email: `${learningCentreId}@example.se`,
  role: 'broker',
  learningCentreId,
  municipalityCodes,
});
const karlskoga = broker('lc-karlskoga', ['1883']);
const kristinehamn = broker('lc-kristinehamn', ['1781']);
const orebro = broker('lc-orebro', ['1880']);

/** A course in Karlskoga (Örebro län) run by Lärcentrum Karlskoga. */
const pool = (needs: string[], decider: string | null = 'lc-karlskoga'): DecisionFacts => {
  const counties = new Set([...needs, '1883'].map((code) => code.slice(0, 2)));
  return {
    venueMunicipalityCode: '1883',
    needs: needs.map((municipalityCode) => ({ municipalityCode })),
    deciderLearningCentreId: decider,
    crossBorder: counties.size > 1,
  };
};

describe('mayDecide', () => {
  it('across the border only the course’s centre decides; the other county’s broker reads', () => {
    const facts = pool(['1883', '1781']);
    expect(mayDecide(karlskoga, facts)).toBe(true);
    expect(mayDecide(kristinehamn, facts)).toBe(false);
  });

  it('a broker serving the venue decides a new course suggested to another centre', () => {
    expect(mayDecide(karlskoga, pool(['1781', '1781'], 'lc-kristinehamn'))).toBe(true);
    expect(mayDecide(kristinehamn, pool(['1781', '1781'], 'lc-kristinehamn'))).toBe(true);
    expect(mayDecide(kristinehamn, pool(['1781', '1883'], null))).toBe(false);
  });

  it('within one county every broker it touches decides, as before', () => {
    const facts = pool(['1880', '1883'], 'lc-karlskoga');
    expect(facts.crossBorder).toBe(false);
    expect(mayDecide(orebro, facts)).toBe(true);
    expect(mayDecide(karlskoga, facts)).toBe(true);
  });

  it('nobody outside the proposal decides; admins decide everything; regional staff never', () => {
    expect(mayDecide(orebro, pool(['1883', '1781']))).toBe(false);
    expect(mayDecide({ ...orebro, role: 'admin', municipalityCodes: [] }, pool(['1781']))).toBe(
      true,
    );
    expect(
      mayDecide({ ...karlskoga, role: 'regional', countyCode: '18' }, pool(['1883', '1781'])),
    ).toBe(false);
  });
});
