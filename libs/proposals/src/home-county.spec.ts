import { homeCounty } from './proposal.writer';

const countyOf = (code: string) => code.slice(0, 2);
const proposal = (venue: string, needs: [string, number][]) => ({
  venueMunicipalityCode: venue,
  needs: needs.map(([municipalityCode, total]) => ({
    needId: `${municipalityCode}-${total}`,
    employerId: 'e',
    employerName: 'E',
    municipalityCode,
    participants: { total, women: 0, men: total },
    distanceKm: 10,
    fit: 1,
  })),
});

describe('homeCounty: the county a proposal is filed under', () => {
  it('keeps a pool within one county in that county, wherever the course is held', () => {
    expect(
      homeCounty(
        proposal('1885', [
          ['1982', 4],
          ['1962', 4],
        ]),
        countyOf,
      ),
    ).toBe('19');
  });

  it('takes the county of most participants', () => {
    expect(
      homeCounty(
        proposal('1885', [
          ['1982', 12],
          ['1885', 6],
        ]),
        countyOf,
      ),
    ).toBe('19');
  });

  it('on a tie takes the venue’s county when it is one of them, else the lowest code', () => {
    expect(
      homeCounty(
        proposal('1883', [
          ['1883', 4],
          ['1781', 4],
        ]),
        countyOf,
      ),
    ).toBe('18');
    expect(
      homeCounty(
        proposal('0180', [
          ['1883', 4],
          ['1781', 4],
        ]),
        countyOf,
      ),
    ).toBe('17');
  });
});
