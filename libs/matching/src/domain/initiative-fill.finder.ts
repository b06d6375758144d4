import type { NeedInput, OfferingInput, StartWindow } from './matching-input.types';
import type { MatchingParameters } from './matching-parameters';
import type { WindowCapacity, PlannedWithRoom } from './capacity.rules';
import {
  deliveryModeFits,
  distanceFits,
  evaluateFit,
  fitScore,
  languageFits,
  minCohortSizeForCost,
  proximityScore,
  requiresTravel,
  timeFits,
  type FitContext,
  type FitEvaluation,
} from './fit.rules';
import { toDayNumber } from './calendar';
import { isSme, needValue } from './cohort.value';
import { pairKey } from './candidate-graph.builder';

/**
 * Fills the free seats of planned initiatives (capacity rule 4) with needs no new cohort took,
 * so a late firm joins a course that will run instead of waiting for the next one:
 *
 * 1. A need may join when it fits the initiative's offering and start window by the same rules as
 *    any cohort (competence, delivery mode, distance, dates, language), its max cost holds at the
 *    initiative's size with it, and a broker has not rejected the pair.
 * 2. Per initiative (in id order) the joining needs are the set of most value (participants ×
 *    fit, SMEs weighted as in cohorts) whose participants fit in its free seats.
 * 3. Each need joins at most one initiative; an initiative that has started takes no one.
 */
export interface FoundFill {
  target: PlannedWithRoom;
  offering: OfferingInput;
  window: StartWindow;
  members: Array<{ need: NeedInput; evaluation: FitEvaluation }>;
  participants: number;
  value: number;
}

/** Candidates per initiative considered for the best set (the most valuable ones). */
const MAX_CANDIDATES = 48;

export function findInitiativeFills(
  freeNeeds: readonly NeedInput[],
  capacity: WindowCapacity,
  offerings: ReadonlyMap<string, OfferingInput>,
  ctx: FitContext,
  rejected: ReadonlySet<string>,
  params: MatchingParameters,
  today: string | null,
): FoundFill[] {
  const taken = new Set<string>();
  const fills: FoundFill[] = [];
  const pairs = new OfferingPairs(freeNeeds, ctx, rejected, params);
  for (const target of capacity.plannedWithRoom(offerings)) {
    const offering = offerings.get(target.offeringId)!;
    const window = offering.startWindows.find((w) => w.from === target.startWindowFrom);
    if (!window) continue;
    const start = target.initiative.startDate;
    if (today && start && start < today) continue;

    const winFrom = toDayNumber(window.from);
    const winTo = toDayNumber(window.to);
    const seats = target.initiative.participants;
    const candidates = pairs.of(offering).filter(
      (c) =>
        !taken.has(c.need.id) &&
        c.participants <= target.freeSeats &&
        timeFits(c.needFrom, c.needTo, winFrom, winTo, offering.durationDays) &&
        // Cost falls as the group grows: within the max at this size, within it with more.
        c.minSize <= seats + c.participants,
    );
    if (candidates.length === 0) continue;
    candidates.sort(
      (a, b) => b.value - a.value || (a.need.id < b.need.id ? -1 : a.need.id > b.need.id ? 1 : 0),
    );
    const chosen = bestWithinSeats(candidates.slice(0, MAX_CANDIDATES), target.freeSeats);
    if (chosen.length === 0) continue;
    chosen.sort((a, b) => (a.need.id < b.need.id ? -1 : a.need.id > b.need.id ? 1 : 0));
    const participants = chosen.reduce((sum, c) => sum + c.participants, 0);
    // Every rule once more through evaluateFit, as the broker will be told it.
    const members = chosen.map(({ need }) => ({
      need,
      evaluation: evaluateFit(need, offering, window, ctx, seats + participants),
    }));
    if (members.some((m) => !m.evaluation.fits)) continue;
    for (const c of chosen) taken.add(c.need.id);
    fills.push({
      target,
      offering,
      window,
      members,
      participants,
      value: chosen.reduce((sum, c) => sum + c.value, 0),
    });
  }
  return fills;
}

interface PairCandidate {
  need: NeedInput;
  participants: number;
  needFrom: number;
  needTo: number;
  value: number;
  /** Smallest group at which the need's max cost holds. */
  minSize: number;
}

/**
 * The free needs that fit an offering by the rules that do not depend on the start window
 * (competence, language, delivery mode, distance, not rejected), with their value; computed
 * once per offering. Needs are indexed by competence, so an offering only looks at needs of
 * competences similar enough to its own (as the candidate index does).
 */
class OfferingPairs {
  /** Needs by competence, then by municipality index (geography cuts what a venue looks at). */
  private readonly index = new Map<string, Map<number, NeedInput[]>>();
  private readonly cache = new Map<string, PairCandidate[]>();
  private maxTravelKm = 0;

  constructor(
    needs: readonly NeedInput[],
    private readonly ctx: FitContext,
    private readonly rejected: ReadonlySet<string>,
    private readonly params: MatchingParameters,
  ) {
    for (const need of needs) {
      const municipality = ctx.distances.indexOf(need.municipalityCode);
      if (need.maxTravelKm > this.maxTravelKm) this.maxTravelKm = need.maxTravelKm;
      for (const c of new Set(need.competenceIds)) {
        let byPlace = this.index.get(c);
        if (!byPlace) this.index.set(c, (byPlace = new Map()));
        const list = byPlace.get(municipality);
        if (list) list.push(need);
        else byPlace.set(municipality, [need]);
      }
    }
  }

  /** Needs of competence `c` that could travel to `venue` (every one for a remote course). */
  private needsOf(c: string, venue: number | null): NeedInput[] {
    const byPlace = this.index.get(c);
    if (!byPlace) return [];
    if (venue === null) return [...byPlace.values()].flat();
    const out: NeedInput[] = [];
    this.ctx.distances.forEachWithin(venue, this.maxTravelKm, (j) => {
      const list = byPlace.get(j);
      if (list) out.push(...list);
    });
    return out;
  }

  of(offering: OfferingInput): PairCandidate[] {
    let list = this.cache.get(offering.id);
    if (!list) this.cache.set(offering.id, (list = this.compute(offering)));
    return list;
  }

  private compute(offering: OfferingInput): PairCandidate[] {
    const { ctx, params } = this;
    const travels = requiresTravel(offering.deliveryMode);
    const venue = ctx.distances.indexOf(offering.venueMunicipalityCode);
    const seen = new Set<string>();
    const out: PairCandidate[] = [];
    for (const c of offering.competenceIds)
      for (const similar of ctx.similarity.similarTo(c, params.similarityThreshold))
        for (const need of this.needsOf(similar.id, travels ? venue : null)) {
          if (seen.has(need.id)) continue;
          seen.add(need.id);
          const p = need.participants.total;
          if (!(p > 0) || p > offering.maxParticipants) continue;
          if (!languageFits(need.language, offering.language)) continue;
          if (!deliveryModeFits(need.deliveryModes, offering.deliveryMode)) continue;
          let distanceKm: number | null = null;
          if (travels) {
            distanceKm = ctx.distances.between(ctx.distances.indexOf(need.municipalityCode), venue);
            if (!distanceFits(distanceKm, need.maxTravelKm)) continue;
          }
          if (this.rejected.has(pairKey(need.id, offering.id))) continue;
          const similarity = ctx.similarity.setSimilarity(
            need.competenceIds,
            offering.competenceIds,
          );
          if (similarity < params.similarityThreshold) continue;
          const fit = fitScore(similarity, proximityScore(distanceKm, need.maxTravelKm), params);
          out.push({
            need,
            participants: p,
            needFrom: toDayNumber(need.earliestStart),
            needTo: toDayNumber(need.latestEnd),
            value: needValue(p, fit, isSme(need.orgSize, params), params),
            minSize: minCohortSizeForCost(offering, need.maxCostPerParticipantSek),
          });
        }
    return out;
  }
}

/** 0/1 knapsack over the seats: the most valuable set whose participants fit (exact, small). */
function bestWithinSeats<T extends { participants: number; value: number }>(
  items: readonly T[],
  seats: number,
): T[] {
  const best = new Float64Array(seats + 1);
  const took: Uint8Array[] = [];
  items.forEach((item, i) => {
    const weight = item.participants;
    const row = new Uint8Array(seats + 1);
    for (let c = seats; c >= weight; c--) {
      const withIt = best[c - weight] + item.value;
      if (withIt > best[c] + 1e-9) {
        best[c] = withIt;
        row[c] = 1;
      }
    }
    took[i] = row;
  });
  const out: T[] = [];
  let c = seats;
  for (let i = items.length - 1; i >= 0; i--)
    if (took[i][c]) {
      out.push(items[i]);
      c -= items[i].participants;
    }
  return out;
}
