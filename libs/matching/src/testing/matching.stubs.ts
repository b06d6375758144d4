import type {
  CompetenceNode,
  LearningCentreRef,
  MatchingInput,
  MunicipalityGeo,
  NeedInput,
  OfferingInput,
} from '../domain/matching-input.types';

/**
 * Named fixtures for specs: a slice of Örebro län and its neighbours (real seat coordinates),
 * a small competence tree, and builders with sensible defaults.
 */
export const municipalityStub: Record<string, MunicipalityGeo> = {
  orebro: { code: '1880', countyCode: '18', lat: 59.27, lon: 15.21, name: 'Örebro' },
  lindesberg: { code: '1885', countyCode: '18', lat: 59.59, lon: 15.23, name: 'Lindesberg' },
  karlskoga: { code: '1883', countyCode: '18', lat: 59.33, lon: 14.52, name: 'Karlskoga' },
  hallsberg: { code: '1861', countyCode: '18', lat: 59.07, lon: 15.11, name: 'Hallsberg' },
  hallefors: { code: '1863', countyCode: '18', lat: 59.78, lon: 14.52, name: 'Hällefors' },
  askersund: { code: '1882', countyCode: '18', lat: 58.88, lon: 14.9, name: 'Askersund' },
  motala: { code: '0583', countyCode: '05', lat: 58.54, lon: 15.04, name: 'Motala' },
  sala: { code: '1981', countyCode: '19', lat: 59.92, lon: 16.6, name: 'Sala' },
};

export const competenceStub: CompetenceNode[] = [
  { id: 'truckkort', area: 'logistik', broaderId: null, label: 'Truckkort' },
  { id: 'truckkort-a-b', area: 'logistik', broaderId: 'truckkort', label: 'Truckkort A+B' },
  { id: 'truckkort-c', area: 'logistik', broaderId: 'truckkort', label: 'Truckkort C' },
  { id: 'lager', area: 'logistik', broaderId: null, label: 'Lagerarbete' },
  { id: 'heta-arbeten', area: 'sakerhet', broaderId: null, label: 'Heta arbeten' },
  { id: 'hlr', area: 'sakerhet', broaderId: null, label: 'HLR' },
  { id: 'svetsning', area: 'svets', broaderId: null, label: 'Svetsning' },
  { id: 'svetsning-mig', area: 'svets', broaderId: 'svetsning', label: 'Svetsning MIG/MAG' },
  { id: 'svetsning-tig', area: 'svets', broaderId: 'svetsning', label: 'Svetsning TIG' },
  { id: 'excel', area: 'it', broaderId: null, label: 'Excel grundkurs' },
];

export const learningCentreStub: LearningCentreRef[] = [
  {
    id: 'lc-orebro',
    municipalityCodes: ['1880'],
    seatMunicipalityCode: '1880',
    name: 'Lärcentrum Örebro',
  },
  {
    id: 'lc-lindesberg',
    municipalityCodes: ['1885'],
    seatMunicipalityCode: '1885',
    name: 'Lärcentrum Lindesberg',
  },
  {
    id: 'lc-karlskoga',
    municipalityCodes: ['1883'],
    seatMunicipalityCode: '1883',
    name: 'Lärcentrum Karlskoga',
  },
  {
    id: 'lc-sydnarke',
    municipalityCodes: ['1882', '1861', '1860'],
    seatMunicipalityCode: '1861',
    name: 'Sydnärkes utbildningsförbund',
  },
  {
    id: 'lc-hallefors',
    municipalityCodes: ['1863'],
    seatMunicipalityCode: '1863',
    name: 'Lärcentrum Hällefors',
  },
];

export function aNeed(overrides: Partial<NeedInput> & { id: string }): NeedInput {
  const total = overrides.participants?.total ?? 2;
  return {
    employerId: `emp-${overrides.id}`,
    employerName: `Företag ${overrides.id}`,
    orgSize: 12,
    municipalityCode: '1880',
    competenceIds: ['truckkort-a-b'],
    participants: { total, women: Math.floor(total / 2), men: total - Math.floor(total / 2) },
    earliestStart: '2025-02-01',
    latestEnd: '2025-06-30',
    deliveryModes: ['onsite'],
    maxTravelKm: 60,
    maxCostPerParticipantSek: null,
    language: 'sv',
    submittedAt: '2025-01-10',
    ...overrides,
  };
}

export function anOffering(overrides: Partial<OfferingInput> & { id: string }): OfferingInput {
  return {
    learningCentreId: 'lc-orebro',
    title: 'Truckkort A+B',
    competenceIds: ['truckkort-a-b'],
    deliveryMode: 'onsite',
    venueMunicipalityCode: '1880',
    minParticipants: 6,
    maxParticipants: 12,
    costFixedSek: 24_000,
    costPerParticipantSek: 1_500,
    durationDays: 3,
    startWindows: [{ from: '2025-03-03', to: '2025-03-14' }],
    language: 'sv',
    ...overrides,
  };
}

export function anInput(overrides: Partial<MatchingInput>): MatchingInput {
  return {
    needs: [],
    offerings: [],
    municipalities: Object.values(municipalityStub),
    competences: competenceStub,
    learningCentres: learningCentreStub,
    rejectedPairs: [],
    committedNeedIds: [],
    previousProposals: [],
    ...overrides,
  };
}

/** The example: four firms around Örebro needing Truckkort, 2 + 2 + 3 + 1 participants. */
export const needStub = {
  truckLindesberg: aNeed({
    id: 'n-lindesberg',
    municipalityCode: '1885',
    participants: { total: 2, women: 1, men: 1 },
  }),
  truckOrebro: aNeed({
    id: 'n-orebro',
    municipalityCode: '1880',
    participants: { total: 2, women: 0, men: 2 },
  }),
  truckKarlskoga: aNeed({
    id: 'n-karlskoga',
    municipalityCode: '1883',
    participants: { total: 3, women: 1, men: 2 },
  }),
  truckHallsberg: aNeed({
    id: 'n-hallsberg',
    municipalityCode: '1861',
    participants: { total: 1, women: 1, men: 0 },
  }),
  truckHalleforsFar: aNeed({
    id: 'n-hallefors',
    municipalityCode: '1863',
    maxTravelKm: 40,
    participants: { total: 2, women: 1, men: 1 },
  }),
};

export const offeringStub = {
  truckOrebro: anOffering({ id: 'o-truck-orebro' }),
};
