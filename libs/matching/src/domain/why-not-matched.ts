import { DELIVERY_MODE_PHRASE_SV, labelSv } from '@km/labels';
import type {
  NeedInput,
  OfferingInput,
  StartWindow,
  WindowCommitment,
} from './matching-input.types';
import type { MatchingParameters } from './matching-parameters';
import { evaluateFit, type FitConstraint, type FitContext } from './fit.rules';
import { WindowCapacity, windowKey } from './capacity.rules';
import { formatInt, formatSek } from './swedish-text';

/**
 * "Varför inte matchat än?" for one waiting need: the nearest courses with a similar enough
 * competence, what keeps the need out of each, and the single change of the employer's own need
 * that would let it in. It uses the matcher's own fit rules, so the answer and the matcher agree.
 */

/** A field of the need the employer can change, and the value that would let it in. */
export type NeedChange =
  | { field: 'maxTravelKm'; value: number }
  | { field: 'maxCostPerParticipantSek'; value: number }
  | { field: 'earliestStart'; value: string }
  | { field: 'latestEnd'; value: string }
  | { field: 'deliveryModes'; value: string };

export type Blocker =
  | { kind: FitConstraint; text: string }
  | { kind: 'too_few'; missingParticipants: number; text: string }
  | { kind: 'full'; text: string };

export interface NearbyCourse {
  offeringId: string;
  title: string;
  venueMunicipalityCode: string;
  venueName: string;
  startWindow: StartWindow;
  /** Road km from the employer's municipality; null for a course given remotely. */
  distanceKm: number | null;
  /** What keeps the need out; empty when it fits and only waits for the matcher. */
  blockers: Blocker[];
  /** The one change of the need that removes the only hard blocker, if there is one. */
  change: (NeedChange & { text: string }) | null;
}

export interface WhyNotMatched {
  courses: NearbyCourse[];
  /** The change that lets the need into a course on its own (no other blocker left). */
  bestChange: (NeedChange & { text: string; offeringId: string }) | null;
}

export interface WhyNotMatchedInput {
  need: NeedInput;
  /** Other open needs of the county: they count towards a course's minimum. */
  others: NeedInput[];
  offerings: OfferingInput[];
  /** Offerings a broker rejected for this need: never proposed again, so never suggested. */
  rejectedOfferingIds: ReadonlySet<string>;
  /** What approved initiatives hold of each start window (capacity rules); none: all free. */
  commitments?: readonly WindowCommitment[];
  /** Today (YYYY-MM-DD): a planned initiative that has started takes no one new. */
  today?: string;
  fit: FitContext;
  parameters: MatchingParameters;
  limit?: number;
}

/** Hard rules the employer cannot change through the edit form (so no change is offered). */
const NOT_EDITABLE = new Set<FitConstraint>(['competence', 'language', 'size']);

export function whyNotMatched(input: WhyNotMatchedInput): WhyNotMatched {
  const { need, fit } = input;
  const isFull = fullWindows(input);
  const candidates: (NearbyCourse & { rank: number })[] = [];
  for (const offering of input.offerings) {
    if (input.rejectedOfferingIds.has(offering.id)) continue;
    for (const window of offering.startWindows) {
      const evaluation = evaluateFit(need, offering, window, fit);
      if (evaluation.failures.some((f) => f.constraint === 'competence')) continue;
      if (evaluation.failures.length > 1) continue;
      const blockers: Blocker[] = evaluation.failures.map((f) => ({
        kind: f.constraint,
        text: blockerText(f.constraint, f.requiredValue, need, offering),
      }));
      const failure = evaluation.failures[0];
      const change = failure ? changeFor(failure.constraint, failure.requiredValue, window) : null;
      // Would the course reach its minimum with the open needs that fit it as they are?
      const peers = input.others.filter(
        (o) => o.id !== need.id && evaluateFit(o, offering, window, fit).fits,
      );
      const together = peers.reduce(
        (sum, o) => sum + o.participants.total,
        need.participants.total,
      );
      if (isFull(offering, window)) {
        // No change of the need frees a group; only the provider can (a group or a window more).
        blockers.push({
          kind: 'full',
          text:
            `Kursen är fullbokad från ${swedishDay(window.from)} till ${swedishDay(window.to)}: ` +
            'alla grupper som kan starta då är redan bokade.',
        });
      } else if (together < offering.minParticipants) {
        const missing = offering.minParticipants - together;
        blockers.push({
          kind: 'too_few',
          missingParticipants: missing,
          text:
            `Kursen startar när minst ${formatInt(offering.minParticipants)} deltagare är anmälda. ` +
            `Med andra arbetsgivares behov är ni ${formatInt(together)} hittills, så det saknas ` +
            `${formatInt(missing)}.`,
        });
      }
      candidates.push({
        offeringId: offering.id,
        title: offering.title,
        venueMunicipalityCode: offering.venueMunicipalityCode,
        venueName: fit.distances.nameOf(offering.venueMunicipalityCode),
        startWindow: { ...window },
        distanceKm: evaluation.distanceKm,
        blockers,
        change: change && { ...change, text: changeText(change) },
        // A full window is behind one the employer can reach by a change of the need.
        rank: blockers.length + (blockers.some((b) => b.kind === 'full') ? 1 : 0),
      });
    }
  }
  candidates.sort(
    (a, b) =>
      a.rank - b.rank ||
      (a.distanceKm ?? 0) - (b.distanceKm ?? 0) ||
      (a.startWindow.from < b.startWindow.from
        ? -1
        : a.startWindow.from > b.startWindow.from
          ? 1
          : 0) ||
      (a.offeringId < b.offeringId ? -1 : 1),
  );
  // One entry per course (its best start window), nearest first.
  const seen = new Set<string>();
  const courses: NearbyCourse[] = [];
  for (const candidate of candidates) {
    if (seen.has(candidate.offeringId)) continue;
    seen.add(candidate.offeringId);
    const course: NearbyCourse & { rank?: number } = { ...candidate };
    delete course.rank;
    courses.push(course);
  }
  const enough = candidates.find((c) => c.change && c.blockers.length === 1);
  return {
    courses: courses.slice(0, input.limit ?? 3),
    bestChange: enough?.change ? { ...enough.change, offeringId: enough.offeringId } : null,
  };
}

/**
 * Whether a start window has no room for the need: every group is held by an approved initiative
 * (capacity rules 1–2) and no planned one that has not started has seats enough for it (rule 4).
 */
function fullWindows(
  input: WhyNotMatchedInput,
): (offering: OfferingInput, window: StartWindow) => boolean {
  const capacity = new WindowCapacity({
    commitments: [...(input.commitments ?? [])],
    previousProposals: [],
  });
  const offerings = new Map(input.offerings.map((o) => [o.id, o]));
  const seatsLeft = new Map<string, number>();
  for (const room of capacity.plannedWithRoom(offerings)) {
    const start = room.initiative.startDate;
    if (input.today && start && start < input.today) continue;
    const key = windowKey(room.offeringId, room.startWindowFrom);
    seatsLeft.set(key, Math.max(seatsLeft.get(key) ?? 0, room.freeSeats));
  }
  return (offering, window) =>
    capacity.freeGroups(offering, window) === 0 &&
    (seatsLeft.get(windowKey(offering.id, window.from)) ?? 0) < input.need.participants.total;
}

function changeFor(
  constraint: FitConstraint,
  required: number | string,
  window: StartWindow,
): NeedChange | null {
  if (NOT_EDITABLE.has(constraint)) return null;
  switch (constraint) {
    case 'distance':
      return typeof required === 'number'
        ? { field: 'maxTravelKm', value: Math.ceil(required) }
        : null;
    case 'cost':
      return typeof required === 'number'
        ? { field: 'maxCostPerParticipantSek', value: Math.ceil(required) }
        : null;
    case 'time':
      return required === window.from
        ? { field: 'earliestStart', value: String(required) }
        : { field: 'latestEnd', value: String(required) };
    case 'delivery_mode':
      return { field: 'deliveryModes', value: String(required) };
    default:
      return null;
  }
}

function changeText(change: NeedChange): string {
  switch (change.field) {
    case 'maxTravelKm':
      return `Öka längsta resväg till ${formatInt(change.value)} km`;
    case 'maxCostPerParticipantSek':
      return `Höj högsta kostnad per deltagare till ${formatSek(change.value)}`;
    case 'earliestStart':
      return `Flytta tidigaste start till ${swedishDay(change.value)}`;
    case 'latestEnd':
      return `Flytta senaste slut till ${swedishDay(change.value)}`;
    case 'deliveryModes':
      return `Godkänn utbildning ${labelSv(DELIVERY_MODE_PHRASE_SV, change.value, 'på ett annat sätt')}`;
  }
}

function blockerText(
  constraint: FitConstraint,
  required: number | string,
  need: NeedInput,
  offering: OfferingInput,
): string {
  switch (constraint) {
    case 'distance':
      return typeof required === 'number'
        ? `Kursen ges ${formatInt(required)} km bort, och ni har angett högst ${formatInt(need.maxTravelKm)} km.`
        : 'Vi kan inte räkna ut avståndet till kursorten.';
    case 'cost':
      return (
        `Kursen kostar ${formatSek(Number(required))} per deltagare även när den är full, och ni har ` +
        `angett högst ${formatSek(need.maxCostPerParticipantSek ?? 0)}.`
      );
    case 'time':
      return required < need.earliestStart
        ? `Kursen startar ${swedishDay(String(required))}, före er tidigaste start.`
        : `Kursen slutar först ${swedishDay(String(required))}, efter ert senaste slut.`;
    case 'delivery_mode':
      return `Kursen ges ${labelSv(DELIVERY_MODE_PHRASE_SV, offering.deliveryMode, 'på ett annat sätt')}, vilket ni inte har valt.`;
    case 'language':
      return 'Kursen ges på ett annat språk än det ni har valt.';
    case 'size':
      return `Kursen tar högst ${formatInt(offering.maxParticipants)} deltagare, och ni är ${formatInt(need.participants.total)}.`;
    default:
      return 'Kompetensen stämmer inte tillräckligt väl.';
  }
}

const MONTHS = [
  'januari',
  'februari',
  'mars',
  'april',
  'maj',
  'juni',
  'juli',
  'augusti',
  'september',
  'oktober',
  'november',
  'december',
];

/** 2027-03-01 → "1 mars 2027", as Swedes write a date in running text. */
function swedishDay(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${d} ${MONTHS[m - 1]} ${y}`;
}
