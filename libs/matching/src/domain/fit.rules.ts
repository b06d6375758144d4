import type { DeliveryMode, NeedInput, OfferingInput, StartWindow } from './matching-input.types';
import type { MatchingParameters } from './matching-parameters';
import type { CompetenceSimilarity } from './competence-similarity';
import type { DistanceTable } from './geo';
import { fromDayNumber, toDayNumber } from './calendar';
import { labelSv } from '@km/labels';
import { formatDecimal, formatInt, formatSek, MODE_LABEL } from './swedish-text';

const mode = (code: string) => labelSv(MODE_LABEL, code, 'annat sätt');
import { MODE_ORDER } from './canonical-input';

/**
 * The hard constraints of "a need fits an offering" (domain brief, Matching rules), one named rule
 * each, plus the soft fit score. The candidate index and the explanations use the same functions,
 * so what the optimiser accepts and what a broker is told cannot drift apart.
 */
export type FitConstraint =
  'competence' | 'delivery_mode' | 'distance' | 'time' | 'language' | 'cost' | 'size';

/** Travel only matters when some teaching happens at the venue. */
export function requiresTravel(mode: DeliveryMode): boolean {
  return mode !== 'remote';
}

export function deliveryModeFits(
  accepted: readonly DeliveryMode[],
  offered: DeliveryMode,
): boolean {
  return accepted.includes(offered);
}

export function distanceFits(distanceKm: number, maxTravelKm: number): boolean {
  return distanceKm <= maxTravelKm;
}

/**
 * The provider may start on any day of the window, so the need's window must contain the whole
 * start window plus the course: earliestStart ≤ from and to + durationDays − 1 ≤ latestEnd
 * (durations are counted in calendar days including the first).
 */
export function timeFits(
  needFrom: number,
  needTo: number,
  winFrom: number,
  winTo: number,
  durationDays: number,
): boolean {
  return needFrom <= winFrom && winTo + Math.max(1, durationDays) - 1 <= needTo;
}

export function languageFits(needLanguage: string, offeringLanguage: string): boolean {
  return needLanguage.toLowerCase() === offeringLanguage.toLowerCase();
}

/** Cost per participant of a cohort: the fixed cost is shared, which is why pooling pays. */
export function costPerParticipant(
  offering: Pick<OfferingInput, 'costFixedSek' | 'costPerParticipantSek'>,
  cohortSize: number,
): number {
  return offering.costFixedSek / cohortSize + offering.costPerParticipantSek;
}

/** Cost comparisons allow a hundredth of a krona so that rounding never flips a decision. */
export function costFits(costPerHead: number, maxCost: number | null | undefined): boolean {
  return maxCost == null || costPerHead <= maxCost + 0.01;
}

/**
 * Smallest cohort size at which the cost per participant is within the need's max cost;
 * 0 when the need gives no max cost, +∞ when no size is cheap enough.
 */
export function minCohortSizeForCost(
  offering: Pick<OfferingInput, 'costFixedSek' | 'costPerParticipantSek'>,
  maxCost: number | null | undefined,
): number {
  if (maxCost == null) return 0;
  const margin = maxCost + 0.01 - offering.costPerParticipantSek;
  if (margin <= 0) return Number.POSITIVE_INFINITY;
  if (offering.costFixedSek <= 0) return 1;
  let size = Math.max(1, Math.ceil(offering.costFixedSek / margin));
  while (size > 1 && costFits(costPerParticipant(offering, size - 1), maxCost)) size--;
  while (!costFits(costPerParticipant(offering, size), maxCost)) size++;
  return size;
}

/** Proximity factor: 1 at the venue, falling to 0.5 at the need's max travel; remote is 1. */
export function proximityScore(distanceKm: number | null, maxTravelKm: number): number {
  if (distanceKm == null) return 1;
  if (maxTravelKm <= 0) return 1;
  return 1 - 0.5 * Math.min(1, distanceKm / maxTravelKm);
}

/** A need's fit with an offering: weighted mean of competence similarity and proximity, in (0, 1]. */
export function fitScore(
  similarity: number,
  proximity: number,
  params: MatchingParameters,
): number {
  const { competence, proximity: wp } = params.weights;
  const total = competence + wp;
  return total > 0 ? (competence * similarity + wp * proximity) / total : 1;
}

export interface FitContext {
  distances: DistanceTable;
  similarity: CompetenceSimilarity;
  parameters: MatchingParameters;
}

export interface FitFailure {
  constraint: FitConstraint;
  /** Plain Swedish, e.g. "avstånd 90 km > max 40 km". */
  reason: string;
  /** The value the need's constraint would need to take for the rule to hold. */
  requiredValue: number | string;
  /** Plain Swedish: what relaxing this constraint means. */
  relaxation: string;
}

export interface FitEvaluation {
  fits: boolean;
  failures: FitFailure[];
  similarity: number;
  distanceKm: number | null;
  proximity: number;
  fit: number;
  /** Cohort size needed for the need's max cost (0 = no limit). */
  minCohortSize: number;
}

/**
 * Evaluates every hard rule for one need, offering and start window and says, in Swedish, which
 * ones fail and what would make them hold. `cohortSize` is the size of the cohort the need would
 * join (its own participants included); without it the cost rule asks whether any allowed size
 * is cheap enough.
 */
export function evaluateFit(
  need: NeedInput,
  offering: OfferingInput,
  window: StartWindow,
  ctx: FitContext,
  cohortSize?: number,
): FitEvaluation {
  const failures: FitFailure[] = [];
  const { distances, similarity: sim, parameters } = ctx;

  const similarity = sim.setSimilarity(need.competenceIds, offering.competenceIds);
  if (similarity < parameters.similarityThreshold) {
    failures.push({
      constraint: 'competence',
      reason: `kompetenslikhet ${formatDecimal(similarity)} < krav ${formatDecimal(parameters.similarityThreshold)}`,
      requiredValue: similarity,
      relaxation: `om kompetenslikhet ${formatDecimal(similarity)} godtas`,
    });
  }

  if (!deliveryModeFits(need.deliveryModes, offering.deliveryMode)) {
    // In one fixed order, whatever order the need's form gave them in.
    const accepted =
      MODE_ORDER.filter((m) => need.deliveryModes.includes(m))
        .map((m) => mode(m))
        .join(', ') || 'ingen';
    failures.push({
      constraint: 'delivery_mode',
      reason: `leveransform ${mode(offering.deliveryMode)} passar inte (behovet godtar ${accepted})`,
      requiredValue: offering.deliveryMode,
      relaxation: `om arbetsgivaren godtar ${mode(offering.deliveryMode)}`,
    });
  }

  let distanceKm: number | null = null;
  if (requiresTravel(offering.deliveryMode)) {
    distanceKm = distances.betweenCodes(need.municipalityCode, offering.venueMunicipalityCode);
    if (!distanceFits(distanceKm, need.maxTravelKm)) {
      const shown = Number.isFinite(distanceKm) ? `${formatInt(distanceKm)} km` : 'okänt';
      failures.push({
        constraint: 'distance',
        reason: `avstånd ${shown} > max ${formatInt(need.maxTravelKm)} km`,
        requiredValue: Number.isFinite(distanceKm) ? distanceKm : 'okänt',
        relaxation: Number.isFinite(distanceKm)
          ? `om max resväg höjs från ${formatInt(need.maxTravelKm)} till ${formatInt(distanceKm)} km`
          : 'om kommunkoden rättas',
      });
    }
  }

  const needFrom = toDayNumber(need.earliestStart);
  const needTo = toDayNumber(need.latestEnd);
  const winFrom = toDayNumber(window.from);
  const winTo = toDayNumber(window.to);
  if (!timeFits(needFrom, needTo, winFrom, winTo, offering.durationDays)) {
    const courseEnd = winTo + Math.max(1, offering.durationDays) - 1;
    const tooEarly = winFrom < needFrom;
    failures.push({
      constraint: 'time',
      reason:
        `tidsfönster ${need.earliestStart}–${need.latestEnd} rymmer inte start ${window.from}–${window.to}` +
        ` + ${formatInt(offering.durationDays)} dagar`,
      requiredValue: tooEarly ? window.from : fromDayNumber(courseEnd),
      relaxation: tooEarly
        ? `om tidigaste start flyttas till ${window.from}`
        : `om senaste slut flyttas till ${fromDayNumber(courseEnd)}`,
    });
  }

  if (!languageFits(need.language, offering.language)) {
    failures.push({
      constraint: 'language',
      reason: `språk ${offering.language} ≠ ${need.language}`,
      requiredValue: offering.language,
      relaxation: `om undervisning på ${offering.language} godtas`,
    });
  }

  if (need.participants.total > offering.maxParticipants) {
    failures.push({
      constraint: 'size',
      reason: `${formatInt(need.participants.total)} deltagare > max ${formatInt(offering.maxParticipants)} per kurs`,
      requiredValue: offering.maxParticipants,
      relaxation: `om behovet delas till högst ${formatInt(offering.maxParticipants)} deltagare`,
    });
  }

  const minCohortSize = minCohortSizeForCost(offering, need.maxCostPerParticipantSek);
  const size = cohortSize ?? offering.maxParticipants;
  if (minCohortSize > Math.min(size, offering.maxParticipants)) {
    const atSize = Math.max(1, Math.min(size, offering.maxParticipants));
    const cost = costPerParticipant(offering, atSize);
    failures.push({
      constraint: 'cost',
      reason: `kostnad ${formatSek(cost)}/deltagare vid ${formatInt(atSize)} deltagare > max ${formatSek(need.maxCostPerParticipantSek ?? 0)}`,
      requiredValue: Math.ceil(cost),
      relaxation: `om maxkostnaden höjs till ${formatSek(Math.ceil(cost))} per deltagare`,
    });
  }

  const proximity = proximityScore(distanceKm, need.maxTravelKm);
  return {
    fits: failures.length === 0,
    failures,
    similarity,
    distanceKm,
    proximity,
    fit: fitScore(similarity, proximity, parameters),
    minCohortSize,
  };
}
