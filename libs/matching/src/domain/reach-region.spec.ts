import { reachRegions, regionOf } from './reach-region';
import { aNeed, anInput, anOffering } from '../testing/matching.stubs';
import type { MunicipalityGeo } from './matching-input.types';

const kristinehamn: MunicipalityGeo = {
  code: '1781',
  countyCode: '17',
  lat: 59.31,
  lon: 14.11,
  name: 'Kristinehamn',
};
const kiruna: MunicipalityGeo = {
  code: '2584',
  countyCode: '25',
  lat: 67.86,
  lon: 20.23,
  name: 'Kiruna',
};

function withBorder(overrides: Parameters<typeof anInput>[0]) {
  const input = anInput(overrides);
  return { ...input, municipalities: [...input.municipalities, kristinehamn, kiruna] };
}

const karlskogaCourse = anOffering({
  id: 'o-karlskoga',
  venueMunicipalityCode: '1883',
  learningCentreId: 'lc-karlskoga',
  minParticipants: 2,
  maxParticipants: 8,
});

describe('reachRegions', () => {
  it('joins two counties whose needs reach one start window across the border', () => {
    const regions = reachRegions(
      withBorder({
        needs: [
          aNeed({ id: 'n-ks', municipalityCode: '1883' }),
          aNeed({ id: 'n-kh', municipalityCode: '1781' }),
          aNeed({ id: 'n-motala', municipalityCode: '0583', competenceIds: ['excel'] }),
        ],
        offerings: [karlskogaCourse],
      }),
    );
    expect(regions).toEqual([['05'], ['17', '18']]);
    expect(regionOf(regions, '17')).toEqual(['17', '18']);
    expect(regionOf(regions, '01')).toEqual(['01']);
  });

  it('keeps counties apart when no window is within reach of both', () => {
    const regions = reachRegions(
      withBorder({
        needs: [
          aNeed({ id: 'n-ks', municipalityCode: '1883' }),
          aNeed({ id: 'n-kiruna', municipalityCode: '2584', maxTravelKm: 60 }),
        ],
        offerings: [karlskogaCourse],
      }),
    );
    expect(regions).toEqual([['18'], ['25']]);
  });

  it('spans the country for a remote course and needs that accept remote teaching', () => {
    const remote = anOffering({ id: 'o-remote', deliveryMode: 'remote', minParticipants: 2 });
    const regions = reachRegions(
      withBorder({
        needs: [
          aNeed({ id: 'n-ks', municipalityCode: '1883', deliveryModes: ['remote'] }),
          aNeed({ id: 'n-kiruna', municipalityCode: '2584', deliveryModes: ['remote'] }),
          aNeed({ id: 'n-sala', municipalityCode: '1981', deliveryModes: ['onsite'] }),
        ],
        offerings: [remote],
      }),
    );
    expect(regions).toEqual([['18', '25'], ['19']]);
  });

  it('does not link through a window an approved initiative already runs', () => {
    const regions = reachRegions(
      withBorder({
        needs: [
          aNeed({ id: 'n-ks', municipalityCode: '1883' }),
          aNeed({ id: 'n-kh', municipalityCode: '1781' }),
        ],
        offerings: [karlskogaCourse],
        previousProposals: [
          {
            id: 'p-approved',
            kind: 'joint_initiative',
            status: 'approved',
            offeringId: 'o-karlskoga',
            startWindowFrom: '2025-03-03',
            needIds: ['n-other'],
          },
        ],
      }),
    );
    expect(regions).toEqual([['17'], ['18']]);
  });

  it('gives the same partition in any input order', () => {
    const needs = [
      aNeed({ id: 'n-a', municipalityCode: '1883' }),
      aNeed({ id: 'n-b', municipalityCode: '1781' }),
      aNeed({ id: 'n-c', municipalityCode: '1981' }),
    ];
    const a = reachRegions(withBorder({ needs, offerings: [karlskogaCourse] }));
    const b = reachRegions(withBorder({ needs: [...needs].reverse(), offerings: [karlskogaCourse] }));
    expect(a).toEqual(b);
  });
});
