import { aNeed, anOffering, competenceStub, municipalityStub } from '../testing/matching.stubs';
import { CompetenceSimilarity } from './competence-similarity';
import { DistanceTable } from './geo';
import { resolveParameters } from './matching-parameters';
import { whyNotMatched, type WhyNotMatchedInput } from './why-not-matched';

const parameters = resolveParameters();
const fit = {
  distances: new DistanceTable(Object.values(municipalityStub), parameters.roadFactor),
  similarity: new CompetenceSimilarity(competenceStub),
  parameters,
};
const explain = (overrides: Partial<WhyNotMatchedInput>) =>
  whyNotMatched({
    need: aNeed({ id: 'me' }),
    others: [],
    offerings: [],
    rejectedOfferingIds: new Set(),
    fit,
    parameters,
    ...overrides,
  });

describe('whyNotMatched', () => {
  const lindesberg = aNeed({
    id: 'me',
    municipalityCode: '1885',
    maxTravelKm: 30,
    participants: { total: 6, women: 3, men: 3 },
  });
  const orebroCourse = anOffering({ id: 'o-orebro', venueMunicipalityCode: '1880' });
  const distance = fit.distances.betweenCodes('1885', '1880');

  it('names the distance and offers the single change that lets the need in, as a field and value', () => {
    const answer = explain({ need: lindesberg, offerings: [orebroCourse] });
    expect(answer.courses).toHaveLength(1);
    const [course] = answer.courses;
    expect(course).toMatchObject({
      offeringId: 'o-orebro',
      venueName: 'Örebro',
      distanceKm: distance,
    });
    expect(course.blockers).toEqual([
      {
        kind: 'distance',
        text: `Kursen ges ${distance} km bort, och ni har angett högst 30 km.`,
      },
    ]);
    expect(answer.bestChange).toEqual({
      field: 'maxTravelKm',
      value: distance,
      text: `Öka längsta resväg till ${distance} km`,
      offeringId: 'o-orebro',
    });
  });

  it('says how many participants are missing when the need fits but the course lacks others, and offers no change then', () => {
    const small = { ...lindesberg, maxTravelKm: 100, participants: { total: 2, women: 1, men: 1 } };
    const neighbour = aNeed({ id: 'other', municipalityCode: '1880' }); // 2 participants, fits
    const answer = explain({ need: small, others: [neighbour], offerings: [orebroCourse] });
    expect(answer.courses[0].blockers).toEqual([
      {
        kind: 'too_few',
        missingParticipants: 2,
        text: 'Kursen startar när minst 6 deltagare är anmälda. Med andra arbetsgivares behov är ni 4 hittills, så det saknas 2.',
      },
    ]);
    expect(answer.bestChange).toBeNull();
  });

  it('moves the time window to the date the course needs, and skips courses of another competence, two blockers away or rejected', () => {
    const late = anOffering({
      id: 'o-late',
      venueMunicipalityCode: '1885',
      startWindows: [{ from: '2025-06-20', to: '2025-07-01' }],
    });
    const weld = anOffering({
      id: 'o-weld',
      competenceIds: ['svetsning'],
      venueMunicipalityCode: '1885',
    });
    const farAndLate = anOffering({
      id: 'o-far-late',
      venueMunicipalityCode: '1981',
      startWindows: [{ from: '2025-06-20', to: '2025-07-01' }],
    });
    const rejected = anOffering({ id: 'o-rejected', venueMunicipalityCode: '1885' });
    const answer = explain({
      need: lindesberg,
      offerings: [late, weld, farAndLate, rejected],
      rejectedOfferingIds: new Set(['o-rejected']),
    });
    expect(answer.courses.map((c) => c.offeringId)).toEqual(['o-late']);
    expect(answer.bestChange).toMatchObject({
      field: 'latestEnd',
      value: '2025-07-03',
      text: 'Flytta senaste slut till 3 juli 2025',
    });
  });

  describe('full start windows (capacity: approved initiatives hold a group each)', () => {
    const here = anOffering({
      id: 'o-here',
      venueMunicipalityCode: '1885',
      minParticipants: 4,
      startWindows: [{ from: '2025-03-03', to: '2025-03-14', groups: 2 }],
    });
    const holding = (groupsUsed: number, planned: { id: string; participants: number }[] = []) => [
      { offeringId: 'o-here', startWindowFrom: '2025-03-03', groupsUsed, planned },
    ];

    it('says in plain Swedish that the only fitting course is fully booked, and offers no change', () => {
      const answer = explain({ need: lindesberg, offerings: [here], commitments: holding(2) });
      expect(answer.courses).toHaveLength(1);
      expect(answer.courses[0].blockers).toEqual([
        {
          kind: 'full',
          text: 'Kursen är fullbokad från 3 mars 2025 till 14 mars 2025: alla grupper som kan starta då är redan bokade.',
        },
      ]);
      expect(answer.bestChange).toBeNull();
    });

    it('a window with a free group, or a planned group with seats for the need, is not full', () => {
      const oneFree = explain({ need: lindesberg, offerings: [here], commitments: holding(1) });
      expect(oneFree.courses[0].blockers).toEqual([]);
      const seats = explain({
        need: lindesberg,
        offerings: [here],
        commitments: holding(2, [{ id: 'i-planned', participants: 5 }]),
      });
      expect(seats.courses[0].blockers).toEqual([]);
      // Too few seats left for the need's 6 participants: full for this need.
      const cramped = explain({
        need: lindesberg,
        offerings: [here],
        commitments: holding(2, [{ id: 'i-planned', participants: 8 }]),
      });
      expect(cramped.courses[0].blockers.map((b) => b.kind)).toEqual(['full']);
    });

    it('a free window of the same course that needs a change comes before the full one', () => {
      const twoWindows = {
        ...here,
        startWindows: [
          { from: '2025-03-03', to: '2025-03-14', groups: 1 },
          { from: '2025-06-20', to: '2025-07-01', groups: 1 },
        ],
      };
      const answer = explain({
        need: lindesberg,
        offerings: [twoWindows],
        commitments: holding(1),
      });
      expect(answer.courses[0].startWindow.from).toBe('2025-06-20');
      expect(answer.bestChange).toMatchObject({ field: 'latestEnd', value: '2025-07-03' });
    });
  });

  it('lists a course that fits with nothing to change first, and the nearest of the others next', () => {
    const fitting = anOffering({ id: 'o-here', venueMunicipalityCode: '1885' });
    const answer = explain({ need: lindesberg, offerings: [orebroCourse, fitting] });
    expect(answer.courses.map((c) => [c.offeringId, c.blockers.length])).toEqual([
      ['o-here', 0],
      ['o-orebro', 1],
    ]);
  });
});
