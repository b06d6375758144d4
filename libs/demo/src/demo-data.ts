import { createHash } from 'node:crypto';
import { SeededRandom } from '@km/matching';
import { NeedSubmission, sizeBandOf, withLuhnDigit } from '@km/needs';
import { OfferingFields } from '@km/offerings';
import { DEMO_THEMES, DemoTheme } from './demo-themes';
import { swedishDayFromToday } from '@km/common';

export interface DemoMunicipality {
  code: string;
  name: string;
  /** The learning centres that cover it (LC-KOMP). */
  learningCentreIds: string[];
}

export interface DemoNeed {
  trackingTokenHash: string;
  employer: NeedSubmission['employer'] & { sizeBand: string };
  title: string;
  competenceId: string;
  participants: NeedSubmission['participants'];
  earliestStart: string;
  latestEnd: string;
  deliveryModes: string[];
  maxTravelKm: number;
  maxCostPerParticipantSek: number | null;
  municipalityCode: string;
  countyCode: string;
}

/** One competence per demo course; the rest as a provider would publish it. */
export interface DemoOffering extends Omit<
  OfferingFields,
  'competenceIds' | 'deliveryMode' | 'language'
> {
  id: string;
  learningCentreId: string;
  competenceId: string;
  deliveryMode: string;
}

export interface DemoDataPlan {
  needs: DemoNeed[];
  offerings: DemoOffering[];
}

/**
 * Demo needs and offerings over the given municipalities: the same seed and day give the same
 * rows (identities are derived from the seed and the index), so seeding twice adds nothing.
 */
export function planDemoData(options: {
  municipalities: DemoMunicipality[];
  needs: number;
  offerings: number;
  seed: number;
  today: Date;
}): DemoDataPlan {
  const random = new SeededRandom(options.seed);
  const day = (offset: number) => swedishDayFromToday(offset, options.today);
  const themes = weighted(DEMO_THEMES);
  const places = options.municipalities;
  if (places.length === 0) throw new Error('demo data needs at least one municipality');

  const needs: DemoNeed[] = [];
  for (let i = 0; i < options.needs; i++) {
    const theme = random.pick(themes);
    const place = random.pick(places);
    const total = 1 + random.below(5);
    const women = random.below(total + 1);
    const employees = 2 + random.below(random.next() < 0.85 ? 48 : 200);
    const start = 14 + random.below(60);
    needs.push({
      trackingTokenHash: sha256(`demo-need:${options.seed}:${i}`),
      employer: {
        // 55x…: the third digit ≥ 2 keeps it from reading as a personnummer.
        orgNumber: withLuhnDigit(`55${2 + (options.seed % 8)}${String(i).padStart(6, '0')}`),
        name: `${theme.employerKind} i ${place.name} ${i + 1} AB`,
        municipalityCode: place.code,
        sniSection: theme.sniSection,
        employees,
        sizeBand: sizeBandOf(employees),
      },
      title: theme.needTitle,
      competenceId: theme.competenceId,
      participants: { total, women, men: total - women },
      earliestStart: day(start),
      latestEnd: day(start + 120 + random.below(180)),
      deliveryModes: random.next() < 0.2 ? ['onsite', 'remote'] : ['onsite'],
      maxTravelKm: 30 + 10 * random.below(7),
      maxCostPerParticipantSek: random.next() < 0.5 ? null : 4000 + 1000 * random.below(8),
      municipalityCode: place.code,
      countyCode: place.code.slice(0, 2),
    });
  }

  const offerings: DemoOffering[] = [];
  const venues = places.filter((p) => p.learningCentreIds.length > 0);
  for (let i = 0; i < options.offerings && venues.length > 0; i++) {
    const theme = DEMO_THEMES[i % DEMO_THEMES.length];
    const venue = random.pick(venues);
    const min = 4 + random.below(5);
    const firstStart = 30 + random.below(60);
    offerings.push({
      id: uuidFrom(`demo-offering:${options.seed}:${i}`),
      learningCentreId: random.pick(venue.learningCentreIds),
      title: theme.courseTitle,
      competenceId: theme.competenceId,
      deliveryMode: random.next() < 0.15 ? 'hybrid' : 'onsite',
      venueMunicipalityCode: venue.code,
      minParticipants: min,
      maxParticipants: min + 6 + random.below(8),
      costFixedSek: 10_000 + 2_000 * random.below(15),
      costPerParticipantSek: 1_000 + 500 * random.below(8),
      durationDays: 2 + random.below(8),
      startWindows: [
        { from: day(firstStart), to: day(firstStart + 30) },
        { from: day(firstStart + 90), to: day(firstStart + 120) },
      ],
    });
  }
  return { needs, offerings };
}

function weighted(themes: readonly DemoTheme[]): DemoTheme[] {
  return themes.flatMap((theme) => Array.from({ length: theme.weight }, () => theme));
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** A stable RFC 4122-shaped id from a name, so a re-seed finds the same offering. */
function uuidFrom(name: string): string {
  const hex = sha256(name);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
