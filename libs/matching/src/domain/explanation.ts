import type { OfferingInput, StartWindow } from './matching-input.types';
import type { ExplanationFactor, ProposalNeed } from './matching-result.types';
import type { MatchingParameters } from './matching-parameters';
import type { DistanceTable } from './geo';
import { costPerParticipant } from './fit.rules';
import { formatDecimal, formatInt, formatSek, MODE_LABEL, plural } from './swedish-text';

/**
 * Explanation texts: every factor of a proposal's score with its value and weight, in Swedish,
 * so a broker can check the matcher's reasoning line by line.
 */
export interface CohortFigures {
  needs: ProposalNeed[];
  similarities: number[];
  proximities: number[];
  smeEmployers: number;
  employers: number;
  participants: number;
  score: number;
}

function weightedMean(values: number[], weights: number[]): number {
  let sum = 0;
  let total = 0;
  values.forEach((v, i) => {
    sum += v * weights[i];
    total += weights[i];
  });
  return total > 0 ? sum / total : 0;
}

function distanceDetail(needs: ProposalNeed[], distances: DistanceTable): string {
  const parts = needs.map((n) =>
    n.distanceKm == null
      ? `${distances.nameOf(n.municipalityCode)} distans`
      : `${distances.nameOf(n.municipalityCode)} ${formatInt(n.distanceKm)} km`,
  );
  return parts.join(', ');
}

export function cohortFactors(
  f: CohortFigures,
  params: MatchingParameters,
  distances: DistanceTable,
  cost: { offering: OfferingInput; size: number; tightestMaxCost: number | null } | null,
  sizeLimits: { min: number; max: number } | null,
): ExplanationFactor[] {
  const weights = f.needs.map((n) => n.participants.total);
  const factors: ExplanationFactor[] = [
    {
      name: 'deltagare',
      value: f.participants,
      weight: 1,
      detail: sizeLimits
        ? `${formatInt(f.participants)} deltagare (min ${formatInt(sizeLimits.min)}, max ${formatInt(sizeLimits.max)}); varje deltagare räknas med sin passning`
        : `${formatInt(f.participants)} deltagare; varje deltagare räknas med sin passning`,
    },
    {
      name: 'kompetenslikhet',
      value: round3(weightedMean(f.similarities, weights)),
      weight: params.weights.competence,
      detail: `1,00 = samma kompetens, 0,80 = över-/underordnad, 0,60 = syskon; krav ≥ ${formatDecimal(params.similarityThreshold)}`,
    },
    {
      name: 'närhet',
      value: round3(weightedMean(f.proximities, weights)),
      weight: params.weights.proximity,
      detail: `avstånd (väg ≈ fågelväg × ${formatDecimal(params.roadFactor, 1)}): ${distanceDetail(f.needs, distances)}`,
    },
    {
      name: 'småföretag',
      value: f.employers > 0 ? round3(f.smeEmployers / f.employers) : 0,
      weight: params.weights.smeBonus,
      detail: `${formatInt(f.smeEmployers)} av ${plural(f.employers, 'arbetsgivare', 'arbetsgivare')} har färre än ${formatInt(params.smeMaxEmployees + 1)} anställda`,
    },
    {
      name: 'samverkan',
      value: f.employers,
      weight: params.weights.poolingBonus,
      detail: `${plural(f.employers, 'arbetsgivare', 'arbetsgivare')} i samma kohort ger bonus ${formatDecimal(params.weights.poolingBonus * Math.max(0, f.employers - 1))}`,
    },
  ];
  if (cost) {
    const perHead = costPerParticipant(cost.offering, cost.size);
    factors.push({
      name: 'kostnad per deltagare',
      value: Math.round(perHead),
      weight: 0,
      detail:
        `${formatSek(cost.offering.costFixedSek)} fast / ${formatInt(cost.size)} + ${formatSek(cost.offering.costPerParticipantSek)} = ${formatSek(perHead)}` +
        (cost.tightestMaxCost != null
          ? `; lägsta maxkostnad i kohorten ${formatSek(cost.tightestMaxCost)}`
          : '; ingen arbetsgivare har angett maxkostnad'),
    });
  }
  factors.push({
    name: 'poäng',
    value: round3(f.score),
    weight: 1,
    detail: 'summan som optimeringen maximerar för kohorten',
  });
  return factors;
}

export function jointSummary(
  offering: OfferingInput,
  window: StartWindow,
  f: CohortFigures,
  women: number,
  men: number,
  distances: DistanceTable,
  size: number,
): string {
  const where =
    offering.deliveryMode === 'remote'
      ? 'på distans'
      : `${MODE_LABEL[offering.deliveryMode]} i ${distances.nameOf(offering.venueMunicipalityCode)}`;
  return (
    `${offering.title}: ${plural(f.employers, 'arbetsgivare', 'arbetsgivare')} och ${plural(f.participants, 'deltagare', 'deltagare')} ` +
    `(${formatInt(women)} kvinnor, ${formatInt(men)} män) samlas i en kohort ${where} med start ${window.from}–${window.to}. ` +
    `Kostnad ${formatSek(costPerParticipant(offering, size))} per deltagare.`
  );
}

export function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
