import type { CandidateGraph } from './candidate-graph.builder';
import { pairKey } from './candidate-graph.builder';
import type { OfferingInput, StartWindow } from './matching-input.types';
import type { DemandNearby, LeftOutNeed, WhatIfHint } from './matching-result.types';
import type { MatchingParameters } from './matching-parameters';
import { evaluateFit, type FitContext } from './fit.rules';
import type { NeedLocator } from './need-locator';
import { formatInt } from './swedish-text';

/**
 * "Why was I not matched?" — needs near an offering start window (similar competence, within the
 * near-miss radius of the venue) that did not end up in its cohort, each with the one reason in
 * plain Swedish. Needs failing two or more hard rules are not near misses and are not listed.
 */
export interface NearMissContext {
  graph: CandidateGraph;
  parameters: MatchingParameters;
  fit: FitContext;
  locator: NeedLocator;
  rejected: Set<string>;
  needSlot: Int32Array;
  proposalIdOfSlot: (slot: number) => string | null;
}

export interface NearMiss {
  needIndex: number;
  leftOut: LeftOutNeed;
  hint: WhatIfHint | null;
}

/** How many nearby needs are examined per offering window: the nearest ones matter most. */
const SCAN_LIMIT = 40;

export function findNearMisses(
  ctx: NearMissContext,
  offering: OfferingInput,
  window: StartWindow,
  slot: number,
  members: ReadonlySet<number>,
  cohortSize: number,
): NearMiss[] {
  const { graph: g, parameters } = ctx;
  const venue = g.distances.indexOf(offering.venueMunicipalityCode);
  const looser = Math.max(0.2, parameters.similarityThreshold - 0.2);
  const around = ctx.locator.around(
    offering.competenceIds,
    looser,
    venue,
    parameters.nearMissRadiusKm,
    SCAN_LIMIT,
  );
  const out: NearMiss[] = [];
  for (const n of around) {
    if (members.has(n)) continue;
    const need = g.needs[n];
    if (ctx.rejected.has(pairKey(need.id, offering.id))) continue;
    const p = need.participants.total;
    const evaluation = evaluateFit(need, offering, window, ctx.fit, cohortSize + p);
    if (evaluation.failures.length > 1) continue;
    if (evaluation.failures.length === 1) {
      const f = evaluation.failures[0];
      out.push({
        needIndex: n,
        leftOut: { needId: need.id, cause: f.constraint, reason: f.reason },
        hint: {
          kind: 'relax_constraint',
          needId: need.id,
          constraint: f.constraint,
          requiredValue: f.requiredValue,
          text: `${need.employerName}: ${f.relaxation} kan behovet (${formatInt(p)} deltagare) ingå`,
        },
      });
      continue;
    }
    const other = ctx.needSlot[n];
    if (other >= 0 && other !== slot) {
      const id = ctx.proposalIdOfSlot(other);
      out.push({
        needIndex: n,
        leftOut: {
          needId: need.id,
          cause: 'other_proposal',
          reason: id
            ? `ingår redan i förslag ${id} som passar bättre i helheten`
            : 'ingår redan i ett annat förslag',
        },
        hint: null,
      });
    } else if (cohortSize + p > offering.maxParticipants) {
      out.push({
        needIndex: n,
        leftOut: {
          needId: need.id,
          cause: 'capacity',
          reason: `kohorten är full: ${formatInt(cohortSize)} + ${formatInt(p)} deltagare > max ${formatInt(offering.maxParticipants)}`,
        },
        hint: null,
      });
    } else {
      out.push({
        needIndex: n,
        leftOut: {
          needId: need.id,
          cause: 'would_lower_value',
          reason: 'utelämnat för att fler behov totalt ska kunna matchas',
        },
        hint: null,
      });
    }
  }
  return out;
}

/** Participants of near-miss needs grouped by municipality, largest first (then by code). */
export function demandByMunicipality(
  g: CandidateGraph,
  needIndexes: readonly number[],
  limit = 5,
): DemandNearby[] {
  const byCode = new Map<string, DemandNearby>();
  for (const n of needIndexes) {
    const need = g.needs[n];
    const entry = byCode.get(need.municipalityCode) ?? {
      municipalityCode: need.municipalityCode,
      participants: 0,
      needIds: [],
    };
    entry.participants += need.participants.total;
    entry.needIds.push(need.id);
    byCode.set(need.municipalityCode, entry);
  }
  return [...byCode.values()]
    .map((d) => ({ ...d, needIds: [...d.needIds].sort() }))
    .sort(
      (a, b) =>
        b.participants - a.participants || (a.municipalityCode < b.municipalityCode ? -1 : 1),
    )
    .slice(0, limit);
}

export function moreParticipantsText(
  g: CandidateGraph,
  missing: number,
  min: number,
  demand: DemandNearby[],
): string {
  const head = `${formatInt(missing)} fler deltagare behövs för att nå minst ${formatInt(min)}`;
  if (demand.length === 0) return `${head}.`;
  const places = demand
    .map(
      (d) => `${g.distances.nameOf(d.municipalityCode)} (${formatInt(d.participants)} deltagare)`,
    )
    .join(', ');
  return `${head}. Närliggande efterfrågan: ${places}.`;
}
