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
  const networks = planNetworks(random, places, options.seed);
  const focus = networks.filter((n) => n.municipalityCode.startsWith(FOCUS_COUNTY));
  if (focus.length === 0) focus.push(...networks);

  const needs: PlannedNeed[] = [];
  const perMonth = options.needsPerMonth ?? 20;
  const meanNetwork = networks.reduce((a, n) => a + n.members.length, 0) / networks.length;
  for (let month = 0; month < HISTORY_MONTHS; month++) {
    const first = addMonths(from, month);
    const days = Math.min(
      daysBetween(first, addMonths(first, 1)),
      daysBetween(first, options.today),
    );
    if (days <= 0) break;
    const season = SEASON[Number(first.slice(5, 7)) - 1];
    const asks: { network: PlannedNetwork; theme: DemoTheme; waits: boolean }[] = [];
    for (let k = Math.round((perMonth * season) / meanNetwork); k > 0; k--) {
      // Örebro län, where the demo providers and most demo brokers work, is the busiest county.
      const network = random.pick(random.next() < 0.55 ? focus : networks);
      const theme =
        random.pick(themes.filter((t) => t.sniSection === network.sniSection)) ??
        random.pick(themes);
      asks.push({ network, theme, waits: false });
    }
    // Every other month a network of Örebro län asks for a course nobody gives; it waits the
    // better part of a year, so the unmet demand on the dashboard is there on any day.
    if (month % 2 === 1) {
      const turn = (month - 1) / 2;
      asks.push({
        network: focus[(turn * 3) % focus.length],
        theme: DEMO_THEMES.find((t) => t.competenceId === UNOFFERED_COMPETENCES[turn % 3])!,
        waits: true,
      });
    }
    for (const { network, theme, waits } of asks) {
      needs.push(
        ...networkNeeds(random, { network, theme, waits, first, days, needs, seed: options.seed }),
      );
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
    maxParticipants: min + 10 + random.below(6),
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
 * Employers of one municipality and trade who come to the broker together (a local network of
 * firms, the way LC-KOMP pools workplaces): they ask for the same course on the same day, each
 * for its own staff.
 */
interface PlannedNetwork {
  municipalityCode: string;
  sniSection: string;
  members: PlannedEmployer[];
}

/**
 * Two networks of three to five employers per municipality; about one network in seven is of
 * large employers (250 or more), and Örebro län has at least two such. Employers always ask as a
 * network, so any two periods differ by whole networks: the dashboard's small-count rules (no
 * figure that narrows to 1–2 employers) can publish the regional figures without hiding them.
 */
function planNetworks(
  random: SeededRandom,
  places: HistoryPlace[],
  seed: number,
): PlannedNetwork[] {
  const kinds = [...new Map(DEMO_THEMES.map((t) => [t.sniSection, t])).values()];
  const networks: PlannedNetwork[] = [];
  let serial = 0;
  for (const place of places) {
    let named = 0;
    for (let k = 0; k < 2; k++) {
      const theme = random.pick(kinds);
      const size = 3 + random.below(3);
      const large =
        random.next() < 0.15 ||
        (place.code.startsWith(FOCUS_COUNTY) &&
          k === 1 &&
          networks.filter((n) => n.municipalityCode.startsWith(FOCUS_COUNTY)).length < 4);
      const members = Array.from({ length: size }, () => ({
        // 556…/559…-style aktiebolag numbers, the serial from the seed and the index.
        orgNumber: withLuhnDigit(
          `55${6 + (seed % 4)}${String(300_000 + serial++).padStart(6, '0')}`,
        ),
        name: `${theme.employerKind} ${place.name} ${++named} AB`,
        municipalityCode: place.code,
        sniSection: theme.sniSection,
        employees: large ? 250 + random.below(900) : 3 + random.below(200),
      }));
      networks.push({ municipalityCode: place.code, sniSection: theme.sniSection, members });
    }
  }
  return networks;
}

/**
 * One network's request: a need per member on the same day with the same window, modes, reach
 * and price ceiling, each with two to four participants of both genders; withdrawn together.
 */
function networkNeeds(
  random: SeededRandom,
  ask: {
    network: PlannedNetwork;
    theme: DemoTheme;
    /** Willing to wait most of a year for a course (one nobody offers yet). */
    waits: boolean;
    first: string;
    days: number;
    needs: PlannedNeed[];
    seed: number;
  },
): PlannedNeed[] {
  const { network, theme, seed } = ask;
  const day = addDays(ask.first, random.below(ask.days));
  const hour = 7 + random.below(9);
  const earliest = addDays(day, 14 + random.below(45));
  const latestEnd = addDays(earliest, ask.waits ? 300 + random.below(60) : 120 + random.below(150));
  const deliveryModes: NeedSubmission['deliveryModes'] =
    random.next() < 0.2 ? ['onsite', 'remote'] : ['onsite'];
  const maxTravelKm = 50 + 10 * random.below(6);
  const maxCostPerParticipantSek = random.next() < 0.6 ? null : 6000 + 1000 * random.below(6);
  const withdrawAfterDays = random.next() < 0.04 ? 7 + random.below(30) : null;
  const womenShare = theme.sniSection === 'Q' ? 0.8 : theme.sniSection === 'C' ? 0.25 : 0.5;
  return network.members.map((employer, m) => {
    const index = ask.needs.length + m;
    const total = 2 + random.below(2) + (random.next() < 0.1 ? 1 : 0);
    let women = 0;
    for (let p = 0; p < total; p++) if (random.next() < womenShare) women++;
    women = Math.min(total - 1, Math.max(1, women));
    return {
      index,
      day,
      hour,
      formToken: historyFormToken(seed, index),
      withdrawAfterDays,
      submission: {
        employer: { ...employer },
        contact: { name: 'Demo Kontakt', email: `kontakt+${seed}-${index}@example.se` },
        title: theme.needTitle,
        competenceIds: [theme.competenceId],
        participants: { total, women, men: total - women },
        earliestStart: earliest,
        latestEnd,
        deliveryModes,
        maxTravelKm,
        maxCostPerParticipantSek,
        language: 'sv',
        consent: true,
      },
    };
  });
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
