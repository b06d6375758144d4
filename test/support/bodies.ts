import { swedishDayFromToday } from '@km/common';

/** Valid request bodies shared by the e2e tests; overrides replace top-level fields. */

/** A day relative to today in Europe/Stockholm, as the intake checks dates. */
export function isoDay(daysFromNow: number): string {
  return swedishDayFromToday(daysFromNow);
}

/** POST /api/v1/needs (the employer's name is padded: the API trims it). */
export function validNeedBody(competenceIds: string[], overrides: Record<string, unknown> = {}) {
  return {
    employer: {
      orgNumber: '556036-0793',
      name: '  Exempel AB  ',
      municipalityCode: '1885',
      sniSection: 'C',
      employees: 12,
    },
    contact: { name: 'Anna Andersson', email: 'anna@example.se', phone: '070-1234567' },
    title: 'Truckkort för lagerpersonal',
    description: 'Fyra lagerarbetare behöver truckkort A+B före säsongen.',
    competenceIds,
    participants: { total: 4, women: 1, men: 3 },
    earliestStart: isoDay(30),
    latestEnd: isoDay(150),
    deliveryModes: ['onsite', 'remote'],
    maxTravelKm: 40,
    maxCostPerParticipantSek: 8000,
    language: 'sv',
    consent: true,
    ...overrides,
  };
}

/** The urlencoded fields of the /behov form. */
export function validNeedForm(
  competenceId: string,
  overrides: Record<string, string | string[]> = {},
): Record<string, string | string[]> {
  return {
    'employer.orgNumber': '556036-0793',
    'employer.name': 'Lagret i Lindesberg AB',
    'employer.municipalityCode': '1885',
    'employer.sniSection': 'H',
    'employer.employees': '14',
    'contact.name': 'Anna Andersson',
    'contact.email': 'anna@example.se',
    'contact.phone': '',
    title: 'Truckkort för lagerpersonal',
    description: 'Fyra personer.',
    competenceIds: [competenceId],
    'participants.total': '4',
    'participants.women': '1',
    'participants.men': '3',
    earliestStart: isoDay(20),
    latestEnd: isoDay(120),
    deliveryModes: ['onsite', 'hybrid'],
    maxTravelKm: '40',
    maxCostPerParticipantSek: '',
    language: 'sv',
    consent: 'ja',
    ...overrides,
  };
}

/** The urlencoded fields of the /behov/{token}/andra form, for a World need (3 participants). */
export function validEditForm(
  overrides: Record<string, string | string[]> = {},
): Record<string, string | string[]> {
  return {
    'participants.total': '3',
    'participants.women': '1',
    'participants.men': '2',
    earliestStart: isoDay(30),
    latestEnd: isoDay(200),
    deliveryModes: ['onsite'],
    maxTravelKm: '50',
    maxCostPerParticipantSek: '',
    description: '',
    'contact.name': '',
    'contact.email': '',
    'contact.phone': '',
    ...overrides,
  };
}

/** POST /api/v1/offerings (the title is padded: the API trims it). */
export function validOfferingBody(
  competenceIds: string[],
  overrides: Record<string, unknown> = {},
) {
  return {
    title: '  Truckkort A+B, kvällskurs  ',
    competenceIds,
    deliveryMode: 'onsite',
    venueMunicipalityCode: '1885',
    minParticipants: 5,
    maxParticipants: 12,
    costFixedSek: 20000,
    costPerParticipantSek: 3500,
    durationDays: 3,
    startWindows: [{ from: isoDay(30), to: isoDay(60) }],
    language: 'sv',
    ...overrides,
  };
}

/** The urlencoded fields of the /utbud offering form (one start window, a contact person). */
export function validOfferingForm(
  competenceId: string,
  overrides: Record<string, string> = {},
): Record<string, string> {
  return {
    title: 'Truckkort A+B, kvällskurs',
    competenceIds: competenceId,
    description: 'Teori och praktik för truck A och B.',
    prerequisites: '',
    deliveryMode: 'onsite',
    venueMunicipalityCode: '1880',
    venueAddress: 'Fabriksgatan 2, Örebro',
    minParticipants: '4',
    maxParticipants: '12',
    durationDays: '3',
    costFixedSek: '20000',
    costPerParticipantSek: '3500',
    'startWindows.0.from': isoDay(40),
    'startWindows.0.to': isoDay(70),
    language: 'sv',
    'contact.name': 'Karin Lärare',
    'contact.email': 'karin@larcentrum.test',
    'contact.phone': '',
    url: '',
    certificate: 'ja',
    ...overrides,
  };
}
