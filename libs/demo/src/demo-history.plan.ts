import { createHash } from 'node:crypto';
import { addDays, addMonths, daysBetween } from '@km/common';
import { SeededRandom } from '@km/matching';
import { NeedSubmission, withLuhnDigit } from '@km/needs';
import { NewOffering } from '@km/offerings';
import { DEMO_THEMES, DemoTheme } from './demo-themes';

/** The county whose dashboard the demo is shown on (Örebro län). */
export const FOCUS_COUNTY = '18';

/** How far back the demo region's history reaches. */
export const HISTORY_MONTHS = 18;

/**
 * Needs per month relative to the average: employers ask after the new year and after the
 * summer, hardly in July and December (LC-KOMP's experience of when workplaces plan training).
 */
export const SEASON = [1.3, 1.4, 1.2, 1.0, 0.8, 0.6, 0.25, 1.2, 1.5, 1.3, 1.0, 0.45] as const;

/**
 * Courses nobody in the region offers: their needs stay unmet (or become new-initiative
 * proposals), so the dashboard's unmet demand is real and persists.
 */
export const UNOFFERED_COMPETENCES = ['cnc-svarvning', 'esa-instruerad', 'lyft-travers'];

export interface HistoryPlace {
  code: string;
  name: string;
}

export interface PlannedNeed {
  index: number;
  /** The day it arrives and the UTC hour (07–15, the same day in Sweden). */
  day: string;
  hour: number;
  /** The form token: submitting it again returns the first need (NeedsService.submitOnce). */
  formToken: string;
  submission: NeedSubmission;
  /** Days after arrival at which the employer withdraws it (if still open), or null. */
  withdrawAfterDays: number | null;
}

export interface PlannedOffering {
  day: string;
  /** The provider account that publishes it (a demo account of its learning centre). */
  providerEmail: string;
  offering: NewOffering;
}

export interface HistoryPlan {
  seed: number;
  /** The first day of the history and the day it reaches (exclusive: "today"). */
  from: string;
  to: string;
  needs: PlannedNeed[];
  offerings: PlannedOffering[];
}

export interface HistoryProvider {
  email: string;
  municipalityCodes: string[];
}

/**
 * Everything that arrives during the history: needs (with their employers) and the providers'
 * offerings. Pure: the same seed, places and day give the same plan. Decisions are drawn while
 * the history runs (they depend on what the matcher proposes), from the same seed.
 */
export function planHistory(options: {
  seed: number;
  today: string;
  places: HistoryPlace[];
  providers: HistoryProvider[];
  /** Average needs per month over the region. */
  needsPerMonth?: number;
}): HistoryPlan {
  const random = new SeededRandom(options.seed);
  const from = addMonths(options.today, -HISTORY_MONTHS);
  const places = [...options.places].sort((a, b) => a.code.localeCompare(b.code));
  if (places.length === 0) throw new Error('the demo history needs at least one municipality');
  const themes = DEMO_THEMES.flatMap((t) => Array.from({ length: t.weight }, () => t));
  const employers = planEmployers(random, places, options.seed);
  const focus = employers.filter((e) => e.municipalityCode.startsWith(FOCUS_COUNTY));
  if (focus.length === 0) focus.push(...employers);

  const needs: PlannedNeed[] = [];
  const perMonth = options.needsPerMonth ?? 20;
  for (let month = 0; month < HISTORY_MONTHS; month++) {
    const first = addMonths(from, month);
    const days = Math.min(
      daysBetween(first, addMonths(first, 1)),
      daysBetween(first, options.today),
    );
    if (days <= 0) break;
    const season = SEASON[Number(first.slice(5, 7)) - 1];
    const count = Math.round(perMonth * season);
    for (let k = 0; k < count; k++) {
      const index = needs.length;
      const day = addDays(first, random.below(days));
      // Örebro län, where the demo providers and most demo brokers work, is the busiest county.
      const employer = random.pick(random.next() < 0.55 ? focus : employers);
      const theme =
        random.pick(themes.filter((t) => t.sniSection === employer.sniSection)) ??
        random.pick(themes);
      const total = 1 + random.below(4) + (random.next() < 0.15 ? 3 : 0);
      const womenShare = theme.sniSection === 'Q' ? 0.8 : theme.sniSection === 'C' ? 0.25 : 0.5;
      let women = 0;
      for (let p = 0; p < total; p++) if (random.next() < womenShare) women++;
      const earliest = addDays(day, 14 + random.below(45));
      needs.push({
        index,
        day,
        hour: 7 + random.below(9),
        formToken: historyFormToken(options.seed, index),
        withdrawAfterDays: random.next() < 0.04 ? 7 + random.below(30) : null,
        submission: {
          employer: {
            orgNumber: employer.orgNumber,
            name: employer.name,
            municipalityCode: employer.municipalityCode,
            sniSection: employer.sniSection,
            employees: employer.employees,
          },
          contact: { name: 'Demo Kontakt', email: `kontakt+${options.seed}-${index}@example.se` },
          title: theme.needTitle,
          competenceIds: [theme.competenceId],
          participants: { total, women, men: total - women },
          earliestStart: earliest,
          latestEnd: addDays(earliest, 120 + random.below(150)),
          deliveryModes: random.next() < 0.2 ? ['onsite', 'remote'] : ['onsite'],
          maxTravelKm: 50 + 10 * random.below(6),
          maxCostPerParticipantSek: random.next() < 0.6 ? null : 6000 + 1000 * random.below(6),
          language: 'sv',
          consent: true,
        },
      });
    }
  }
  needs.sort((a, b) =>
    (a.day + pad(a.hour) + pad4(a.index)).localeCompare(b.day + pad(b.hour) + pad4(b.index)),
  );

  const offerings: PlannedOffering[] = [];
  const offered = DEMO_THEMES.filter((t) => !UNOFFERED_COMPETENCES.includes(t.competenceId));
  // Providers publish at the start and again after nine months, each time for the half year ahead.
  for (const publishMonth of [0, 9]) {
    const day = addDays(addMonths(from, publishMonth), 2);
    for (const provider of options.providers) {
      const venues = [...provider.municipalityCodes].sort();
      for (const theme of offered) {
        if (random.next() < 0.35) continue;
        offerings.push({
          day,
          providerEmail: provider.email,
          offering: course(random, theme, venues, day),
        });
      }
    }
  }
  return { seed: options.seed, from, to: options.today, needs, offerings };
}

function course(
  random: SeededRandom,
  theme: DemoTheme,
  venues: string[],
  day: string,
): NewOffering {
  const min = 4 + random.below(3);
  const firstStart = 21 + random.below(21);
  // A start every six weeks for ten months, each open for four weeks.
  const startWindows = Array.from({ length: 7 }, (_, w) => ({
    from: addDays(day, firstStart + 42 * w),
    to: addDays(day, firstStart + 42 * w + 28),
  }));
  return {
    title: theme.courseTitle,
    competenceIds: [theme.competenceId],
    deliveryMode: random.next() < 0.2 ? 'hybrid' : 'onsite',
    venueMunicipalityCode: random.pick(venues),
    minParticipants: min,
    maxParticipants: min + 8 + random.below(5),
    costFixedSek: 12_000 + 2_000 * random.below(10),
    costPerParticipantSek: 1_000 + 500 * random.below(6),
    durationDays: 2 + random.below(6),
    startWindows,
    language: 'sv',
  };
}

interface PlannedEmployer {
  orgNumber: string;
  name: string;
  municipalityCode: string;
  sniSection: string;
  employees: number;
}

/**
 * Eight employers per municipality, about one in eight with 250 or more employees. Employers come
 * back with new needs, as they do with a broker they know; that also keeps the regional figures
 * publishable (a figure that two periods would let a reader narrow to 1–2 employers is "<3").
 */
function planEmployers(
  random: SeededRandom,
  places: HistoryPlace[],
  seed: number,
): PlannedEmployer[] {
  const kinds = [...new Map(DEMO_THEMES.map((t) => [t.sniSection, t])).values()];
  const employers: PlannedEmployer[] = [];
  for (const place of places) {
    for (let k = 0; k < 8; k++) {
      const theme = random.pick(kinds);
      const i = employers.length;
      const employees = random.next() < 0.13 ? 250 + random.below(900) : 3 + random.below(200);
      employers.push({
        // 556…/559…-style aktiebolag numbers, the serial from the seed and the index.
        orgNumber: withLuhnDigit(`55${6 + (seed % 4)}${String(300_000 + i).padStart(6, '0')}`),
        name: `${theme.employerKind} ${place.name} ${k + 1} AB`,
        municipalityCode: place.code,
        sniSection: theme.sniSection,
        employees,
      });
    }
  }
  return employers;
}

/** The form token of a planned need: a uuid from the seed and the index, so a rerun finds it. */
export function historyFormToken(seed: number, index: number): string {
  const hex = createHash('sha256').update(`demo-history:${seed}:${index}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** A number in [0, 1) drawn from the seed and a name: the same decision for the same proposal. */
export function drawFor(seed: number, name: string): number {
  const hex = createHash('sha256').update(`${seed}:${name}`).digest('hex').slice(0, 12);
  return parseInt(hex, 16) / 2 ** 48;
}

const pad = (n: number) => String(n).padStart(2, '0');
const pad4 = (n: number) => String(n).padStart(4, '0');
