import type { NeedInput, OfferingInput, StartWindow } from './matching-input.types';
import type { MatchingParameters } from './matching-parameters';
import type { WindowCapacity, PlannedWithRoom } from './capacity.rules';
import { evaluateFit, type FitContext, type FitEvaluation } from './fit.rules';
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
  for (const target of capacity.plannedWithRoom(offerings)) {
    const offering = offerings.get(target.offeringId)!;
    const window = offering.startWindows.find((w) => w.from === target.startWindowFrom);
    if (!window) continue;
    const start = target.initiative.startDate;
    if (today && start && start < today) continue;

    const candidates: Array<{ need: NeedInput; evaluation: FitEvaluation; value: number }> = [];
    for (const need of freeNeeds) {
      const p = need.participants.total;
      if (taken.has(need.id) || p > target.freeSeats || p <= 0) continue;
      // Cheap checks first: most needs of a county are nowhere near this course in time.
      if (need.earliestStart > window.from || need.latestEnd < window.to) continue;
      if (rejected.has(pairKey(need.id, offering.id))) continue;
      const evaluation = evaluateFit(
        need,
        offering,
        window,
        ctx,
        target.initiative.participants + p,
      );
      if (!evaluation.fits) continue;
      candidates.push({
        need,
        evaluation,
        value: needValue(p, evaluation.fit, isSme(need.orgSize, params), params),
      });
    }
    if (candidates.length === 0) continue;
    candidates.sort(
      (a, b) => b.value - a.value || (a.need.id < b.need.id ? -1 : a.need.id > b.need.id ? 1 : 0),
    );
    const chosen = bestWithinSeats(candidates.slice(0, MAX_CANDIDATES), target.freeSeats);
    if (chosen.length === 0) continue;
    chosen.sort((a, b) => (a.need.id < b.need.id ? -1 : a.need.id > b.need.id ? 1 : 0));
    for (const c of chosen) taken.add(c.need.id);
    fills.push({
      target,
      offering,
      window,
      members: chosen.map(({ need, evaluation }) => ({ need, evaluation })),
      participants: chosen.reduce((sum, c) => sum + c.need.participants.total, 0),
      value: chosen.reduce((sum, c) => sum + c.value, 0),
    });
  }
  return fills;
}

/** 0/1 knapsack over the seats: the most valuable set whose participants fit (exact, small). */
function bestWithinSeats<T extends { need: NeedInput; value: number }>(
  items: readonly T[],
  seats: number,
): T[] {
  const best = new Float64Array(seats + 1);
  const took: Uint8Array[] = [];
  items.forEach((item, i) => {
    const weight = item.need.participants.total;
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
      c -= items[i].need.participants.total;
    }
  return out;
}
