import fc from 'fast-check';
import { fittingWindows, fromDayNumber, toDayNumber } from '@km/matching';
import { instanceArbOf } from '../../matching/src/testing/matching.arbitraries';
import { NeedReach } from './matching-scope.loader';
import { reachOf } from './need-scope.finder';

/** The prefilter of MatchingScopeLoader.openNeeds, as the SQL states it. */
function passes(
  reach: NeedReach,
  need: {
    deliveryModes: readonly string[];
    municipalityCode: string;
    maxTravelKm: number;
    earliestStart: string;
    latestEnd: string;
  },
): boolean {
  if (need.latestEnd < reach.latestEndFrom || need.earliestStart > reach.earliestStartBy)
    return false;
  if (!need.deliveryModes.some((m) => reach.modes.includes(m))) return false;
  if (reach.modes.includes('remote') && need.deliveryModes.includes('remote')) return true;
  return reach.venueKm.some(
    ([code, km]) => code === need.municipalityCode && km <= need.maxTravelKm,
  );
}

describe('reachOf (the incremental rematch prefilter of candidate needs)', () => {
  it('never leaves out a need the engine finds fitting one of the windows', () => {
    let checked = 0;
    fc.assert(
      fc.property(instanceArbOf(20, 6), fc.integer({ min: -60, max: 400 }), ({ input }, shift) => {
        const today = fromDayNumber(toDayNumber('2025-01-01') + shift);
        const at = { ...input, today };
        const reach = reachOf(input.offerings, input, today);
        const fitting = new Set(fittingWindows(at).map((p) => p.needId));
        for (const need of input.needs)
          if (fitting.has(need.id)) {
            expect(passes(reach, need)).toBe(true);
            checked++;
          }
      }),
      { numRuns: 300 },
    );
    // Not vacuous: the generated instances hold many fitting needs.
    expect(checked).toBeGreaterThan(100);
  });

  it('keeps a far need off a scope of on-site courses, and takes it for a remote one', () => {
    const reference = {
      municipalities: [
        { code: '1880', countyCode: '18', lat: 59.27, lon: 15.21, name: 'Örebro' },
        { code: '2584', countyCode: '25', lat: 67.86, lon: 20.23, name: 'Kiruna' },
      ],
    };
    const course = {
      id: 'o-1',
      learningCentreId: 'lc',
      title: 'Truck',
      competenceIds: ['truck'],
      venueMunicipalityCode: '1880',
      minParticipants: 1,
      maxParticipants: 10,
      costFixedSek: 0,
      costPerParticipantSek: 0,
      durationDays: 5,
      startWindows: [{ from: '2027-03-01', to: '2027-03-12', groups: 1 }],
      language: 'sv',
    };
    const kiruna = {
      deliveryModes: ['onsite', 'remote'],
      municipalityCode: '2584',
      maxTravelKm: 100,
      earliestStart: '2027-01-01',
      latestEnd: '2027-06-30',
    };
    const onsite = reachOf([{ ...course, deliveryMode: 'onsite' }], reference, '2026-12-02');
    expect(passes(onsite, kiruna)).toBe(false);
    expect(passes(onsite, { ...kiruna, municipalityCode: '1880' })).toBe(true);
    const remote = reachOf([{ ...course, deliveryMode: 'remote' }], reference, '2026-12-02');
    expect(passes(remote, kiruna)).toBe(true);
    expect(toDayNumber(remote.latestEndFrom) - toDayNumber('2027-03-12')).toBe(4);
  });
});
