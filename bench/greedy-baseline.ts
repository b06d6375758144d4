/**
 * The baseline a spreadsheet would give: first come, first served. Needs in submission order
 * join the first offering start window (by offering id) that fits and has room; afterwards
 * members whose max cost the cohort misses are dropped and cohorts under their minimum are
 * cancelled. Scored with the engine's own objective, on the engine's own candidate pairs.
 */
import {
  buildCandidateGraph,
  poolingValue,
  resolveParameters,
  type MatchingInput,
} from '@km/matching';

export interface BaselineResult {
  objective: number;
  cohorts: number;
  participants: number;
}

export function greedyBaseline(input: MatchingInput): BaselineResult {
  const params = resolveParameters(input.parameters);
  const g = buildCandidateGraph(input, params);
  const order = g.needs.map((_, i) => i);
  order.sort((a, b) =>
    g.needs[a].submittedAt < g.needs[b].submittedAt
      ? -1
      : g.needs[a].submittedAt > g.needs[b].submittedAt
        ? 1
        : a - b,
  );
  const members: number[][] = Array.from({ length: g.slotCount }, () => []);
  const size = new Int32Array(g.slotCount);
  for (const n of order) {
    const edges = Array.from(g.needEdges.subarray(g.needEdgeStart[n], g.needEdgeStart[n + 1])).sort(
      (a, b) => g.edgeSlot[a] - g.edgeSlot[b],
    );
    for (const e of edges) {
      const s = g.edgeSlot[e];
      if (size[s] + g.needParticipants[n] <= g.slotMax[s]) {
        members[s].push(e);
        size[s] += g.needParticipants[n];
        break;
      }
    }
  }
  let objective = 0;
  let cohorts = 0;
  let participants = 0;
  for (let s = 0; s < g.slotCount; s++) {
    let current = members[s];
    for (;;) {
      const total = current.reduce((sum, e) => sum + g.needParticipants[g.edgeNeed[e]], 0);
      const kept = current.filter((e) => g.edgeMinSize[e] <= total);
      if (kept.length === current.length) break;
      current = kept;
    }
    const total = current.reduce((sum, e) => sum + g.needParticipants[g.edgeNeed[e]], 0);
    if (current.length === 0 || total < g.slotMin[s]) continue;
    const employers = new Set(current.map((e) => g.needEmployer[g.edgeNeed[e]]));
    objective +=
      current.reduce((sum, e) => sum + g.edgeValue[e], 0) + poolingValue(employers.size, params);
    cohorts++;
    participants += total;
  }
  return { objective, cohorts, participants };
}
