import type { CandidateGraph } from './candidate-graph.builder';

/**
 * Offering start windows that unserved needs fit but cannot fill: for each unserved need, its
 * best slot (highest value, then lowest index); each such slot is reported once with all its
 * unserved candidates (up to the offering's max) and how many participants are missing — the
 * minimum, or more if a member's max cost needs a bigger cohort.
 */
export interface FoundBelowMinimum {
  slot: number;
  members: number[];
  participants: number;
  required: number;
}

export function findBelowMinimum(g: CandidateGraph, needSlot: Int32Array): FoundBelowMinimum[] {
  const bestSlots = new Set<number>();
  for (let n = 0; n < g.needs.length; n++) {
    if (needSlot[n] !== -1) continue;
    let best = -1;
    let bestValue = -1;
    for (let k = g.needEdgeStart[n]; k < g.needEdgeStart[n + 1]; k++) {
      const e = g.needEdges[k];
      const s = g.edgeSlot[e];
      if (
        g.edgeValue[e] > bestValue + 1e-12 ||
        (Math.abs(g.edgeValue[e] - bestValue) <= 1e-12 && s < best)
      ) {
        best = s;
        bestValue = g.edgeValue[e];
      }
    }
    if (best >= 0) bestSlots.add(best);
  }
  const out: FoundBelowMinimum[] = [];
  for (const s of [...bestSlots].sort((a, b) => a - b)) {
    const candidates: number[] = [];
    for (let e = g.slotStart[s]; e < g.slotStart[s + 1]; e++)
      if (needSlot[g.edgeNeed[e]] === -1) candidates.push(e);
    // Most valuable first, so the reported group is the best start the slot has.
    candidates.sort((a, b) => g.edgeValue[b] - g.edgeValue[a] || g.edgeNeed[a] - g.edgeNeed[b]);
    const members: number[] = [];
    let participants = 0;
    let required = g.slotMin[s];
    for (const e of candidates) {
      const p = g.needParticipants[g.edgeNeed[e]];
      if (participants + p > g.slotMax[s]) continue;
      members.push(g.edgeNeed[e]);
      participants += p;
      required = Math.max(required, g.edgeMinSize[e]);
    }
    if (members.length === 0 || participants >= required) continue;
    members.sort((a, b) => a - b);
    out.push({ slot: s, members, participants, required });
  }
  return out;
}
