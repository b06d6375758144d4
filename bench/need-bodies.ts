/**
 * Valid, varied needs-intake bodies for load and fault tests: every index gives another
 * employer (a distinct organisationsnummer with a valid Luhn digit), municipality, size and window.
 */
import { withLuhnDigit } from '@km/needs';
import { swedishDayFromToday } from '@km/common';

const MUNICIPALITIES = ['1885', '1883', '1880', '1864', '0382', '0360', '0583', '0480', '0483'];
const SNI_SECTIONS = ['C', 'F', 'G', 'H', 'Q'];

/** YYYY-MM-DD, `days` from today in Europe/Stockholm (the intake checks dates against that day). */
export function swedishDay(days: number, now = new Date()): string {
  return swedishDayFromToday(days, now);
}

/** Organisationsnummer number `i` (aktiebolag, digits 3–4 from 20 to 99), ten digits. */
export function orgNumberFor(i: number): string {
  const group = 20 + (i % 80);
  const serial = String(Math.floor(i / 80) % 100000).padStart(5, '0');
  return withLuhnDigit(`55${group}${serial}`);
}

export function needBody(i: number, competenceIds: string[]): Record<string, unknown> {
  const total = 1 + (i % 12);
  const women = Math.floor(total / 2);
  return {
    employer: {
      orgNumber: orgNumberFor(i),
      name: `Lasttest ${i} AB`,
      municipalityCode: MUNICIPALITIES[i % MUNICIPALITIES.length],
      sniSection: SNI_SECTIONS[i % SNI_SECTIONS.length],
      employees: 1 + (i % 240),
    },
    contact: { name: `Kontakt ${i}`, email: `kontakt${i}@example.se`, phone: '070-1234567' },
    title: `Kompetensbehov nummer ${i}`,
    description: 'Personalen behöver utbildning inför nästa säsong.',
    competenceIds: [competenceIds[i % competenceIds.length]],
    participants: { total, women, men: total - women },
    earliestStart: swedishDay(30 + (i % 30)),
    latestEnd: swedishDay(150 + (i % 60)),
    deliveryModes: i % 2 ? ['onsite', 'remote'] : ['onsite'],
    maxTravelKm: 20 + (i % 60),
    maxCostPerParticipantSek: 5000 + (i % 10) * 500,
    language: 'sv',
    consent: true,
  };
}
