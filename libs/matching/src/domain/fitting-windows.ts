import type { MatchingInput } from './matching-input.types';
import { resolveParameters } from './matching-parameters';
import { buildCandidateGraph } from './candidate-graph.builder';
import { canonicalInput } from './canonical-input';
import { asOfToday } from './today';

/**
 * One candidate pair of the engine: a need that fits an offering's start window. The window is
 * named by its last start day (`startWindowTo`), which stays put when a window that has begun is
 * moved up to today (`asOfToday`), so it matches the stored window and the proposals on it.
 */
export interface FittingWindow {
  needId: string;
  offeringId: string;
  startWindowTo: string;
  /** The need's fit to the offering (competence and proximity, 0–1), as the engine weighs it. */
  fit: number;
}

/**
 * The start windows each need of the input fits, by the engine's own candidate graph (every hard
 * rule: competence, mode, distance or remote, dates, language, cost, rejected pairs, committed
 * needs, free groups), so an incremental rematch works out its local scope without a second copy
 * of the fit rules. Sorted by window, then need; deterministic.
 */
export function fittingWindows(given: MatchingInput): FittingWindow[] {
  const input = asOfToday(canonicalInput(given));
  const g = buildCandidateGraph(input, resolveParameters(input.parameters));
  const pairs: FittingWindow[] = [];
  for (let s = 0; s < g.slotCount; s++) {
    const offeringId = g.offerings[g.slotOffering[s]].id;
    const startWindowTo = g.slotWindow[s].to;
    for (let e = g.slotStart[s]; e < g.slotStart[s + 1]; e++)
      pairs.push({
        needId: g.needs[g.edgeNeed[e]].id,
        offeringId,
        startWindowTo,
        fit: g.edgeFit[e],
      });
  }
  return pairs;
}
