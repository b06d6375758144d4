import { AuthUser } from '@km/auth';
import { canReadOffering, canWriteOffering } from './offering.scope';

const user = (overrides: Partial<AuthUser>): AuthUser => ({
  id: 'u',
  email: 'u@example.test',
  role: 'provider',
  municipalityCodes: [],
  ...overrides,
});
const admin = user({ role: 'admin' });
const lindesberg = user({ learningCentreId: 'lc-lindesberg', municipalityCodes: ['1885'] });
const brokerOrebro = user({
  role: 'broker',
  learningCentreId: 'lc-orebro',
  municipalityCodes: ['1880'],
});
const regional18 = user({
  role: 'regional',
  countyCode: '18',
  municipalityCodes: ['1880', '1885'],
});

const inLindesberg = { learningCentreId: 'lc-lindesberg', venueMunicipalityCode: '1885' };
const orebroInKatrineholm = { learningCentreId: 'lc-orebro', venueMunicipalityCode: '0483' };
const viadidaktInOrebro = { learningCentreId: 'viadidakt', venueMunicipalityCode: '1880' };

describe('offering access', () => {
  it('writes: admin anywhere, a provider only for its own centre, nobody else', () => {
    expect(canWriteOffering(admin, 'lc-orebro')).toBe(true);
    expect(canWriteOffering(lindesberg, 'lc-lindesberg')).toBe(true);
    expect(canWriteOffering(lindesberg, 'lc-orebro')).toBe(false);
    expect(canWriteOffering(brokerOrebro, 'lc-orebro')).toBe(false);
    expect(canWriteOffering(regional18, 'lc-lindesberg')).toBe(false);
  });

  it('reads: provider its centre, broker its centre and municipalities, regional its county', () => {
    expect(canReadOffering(admin, orebroInKatrineholm)).toBe(true);
    expect(canReadOffering(lindesberg, inLindesberg)).toBe(true);
    expect(canReadOffering(lindesberg, viadidaktInOrebro)).toBe(false);
    expect(canReadOffering(brokerOrebro, orebroInKatrineholm)).toBe(true);
    expect(canReadOffering(brokerOrebro, viadidaktInOrebro)).toBe(true);
    expect(canReadOffering(brokerOrebro, inLindesberg)).toBe(false);
    expect(canReadOffering(regional18, inLindesberg)).toBe(true);
    expect(canReadOffering(regional18, orebroInKatrineholm)).toBe(false);
  });
});
