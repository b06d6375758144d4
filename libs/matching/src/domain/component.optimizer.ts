import type { CandidateGraph } from './candidate-graph.builder';
import type { MatchingParameters } from './matching-parameters';
import {
  CohortOptimiser,
  SMALL_RUN_EDGES,
  defaultBudget,
  type OptimisationGraph,
  type OptimisedCohorts,
} from './cohort.optimizer';
import { contentHash } from './proposal-id';

/**
 * Optimises each connected component of the candidate graph (slots linked by needs that fit
 * both) on its own: a component's cohorts depend on its own needs, slots and pairs only — its
 * search budget comes from its own size, its random seed from a hash of its own ids — so a need
 * added or removed in one component never changes the proposals of another.
 *
 * Ties go to the previous run: the search sees the component's content only (never the previous
 * proposals, which would steer its path), and the previous run's cohorts of the component are
 * kept when they are still valid and worth at least what the search found. So a component
 * nothing changed in keeps its cohorts exactly — the search finds what it found last time, and
 * what was kept last time is still at least as good — and one that changed moves only to
 * something better.
 */
export interface PreviousCohort {
  offeringId: string;
  startWindowFrom: string;
  needIds: readonly string[];
  /** False for a superseded proposal: history, not the previous run's choice. */
  current?: boolean;
}

export function optimiseByComponent(
  g: CandidateGraph,
  params: MatchingParameters,
  previous: readonly PreviousCohort[] = [],
): OptimisedCohorts {
  const needCount = g.needs.length;
  const small = (params.wholeRunEdges ?? g.edgeNeed.length) <= SMALL_RUN_EDGES;
  const previousBySlot = new Map<string, (readonly string[])[]>();
  for (const p of previous) {
    if (p.current === false) continue;
    const key = `${p.offeringId}\u0000${p.startWindowFrom}`;
    previousBySlot.set(key, [...(previousBySlot.get(key) ?? []), p.needIds]);
  }

  const result: OptimisedCohorts = {
    needSlot: new Int32Array(needCount).fill(-1),
    needEdge: new Int32Array(needCount).fill(-1),
    slotMembers: new Array(g.slotCount).fill(null),
    slotSize: new Int32Array(g.slotCount),
    slotValue: new Float64Array(g.slotCount),
    objective: 0,
    greedyObjective: 0,
    moves: 0,
  };

  const scratch = {
    localNeed: new Int32Array(needCount),
    localEdge: new Int32Array(g.edgeNeed.length),
  };
  for (const component of components(g)) {
    const sub = subgraph(g, component, scratch);
    const seed = parseInt(contentHash(componentKey(g, component)).slice(0, 8), 16);
    const opt = new CohortOptimiser(
      sub.graph,
      params,
      defaultBudget(sub.graph, params, small, seed),
    ).run();
    result.moves += opt.moves;
    const kept = previousCohorts(g, component, sub, previousBySlot, params.weights.poolingBonus);
    const members =
      kept && kept.value >= opt.objective - KEEP_EPS ? kept.slotMembers : opt.slotMembers;
    for (let ls = 0; ls < sub.graph.slotCount; ls++) {
      const local = members[ls];
      if (!local) continue;
      const s = component.slots[ls];
      const edges = local.map((e) => sub.globalEdge[e]).sort((a, b) => a - b);
      let size = 0;
      for (const e of edges) {
        const n = g.edgeNeed[e];
        result.needSlot[n] = s;
        result.needEdge[n] = e;
        size += g.needParticipants[n];
      }
      result.slotMembers[s] = edges;
      result.slotSize[s] = size;
      result.slotValue[s] = trueValue(g, edges, params.weights.poolingBonus);
      result.objective += result.slotValue[s];
    }
    result.greedyObjective += opt.greedyObjective;
  }
  // The greedy figure (a diagnostic) carries the stability bonus, at most 1e-7 per pair.
  result.greedyObjective = Math.min(result.greedyObjective, result.objective);
  return result;
}

function trueValue(g: CandidateGraph, edges: readonly number[], bonus: number): number {
  if (edges.length === 0) return 0;
  let sum = 0;
  const employers = new Set<number>();
  for (const e of edges) {
    sum += g.edgeValue[e];
    employers.add(g.needEmployer[g.edgeNeed[e]]);
  }
  return sum + bonus * (employers.size - 1);
}

interface Component {
  /** Global slot indices, ascending. */
  slots: number[];
  /** Global need indices, ascending. */
  needs: number[];
}

/** Connected components of slots and needs with candidate pairs, in order of their lowest slot. */
function components(g: CandidateGraph): Component[] {
  const parent = Int32Array.from({ length: g.slotCount }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  };
  for (let n = 0; n < g.needs.length; n++) {
    const a = g.needEdgeStart[n];
    const b = g.needEdgeStart[n + 1];
    for (let k = a + 1; k < b; k++) {
      const x = find(g.edgeSlot[g.needEdges[a]]);
      const y = find(g.edgeSlot[g.needEdges[k]]);
      if (x !== y) parent[Math.max(x, y)] = Math.min(x, y);
    }
  }
  const byRoot = new Map<number, Component>();
  const list: Component[] = [];
  for (let s = 0; s < g.slotCount; s++) {
    if (g.slotStart[s + 1] === g.slotStart[s]) continue;
    const r = find(s);
    let c = byRoot.get(r);
    if (!c) {
      c = { slots: [], needs: [] };
      byRoot.set(r, c);
      list.push(c);
    }
    c.slots.push(s);
  }
  for (let n = 0; n < g.needs.length; n++) {
    if (g.needEdgeStart[n + 1] === g.needEdgeStart[n]) continue;
    byRoot.get(find(g.edgeSlot[g.needEdges[g.needEdgeStart[n]]]))!.needs.push(n);
  }
  return list;
}

/** The component's identity: its needs' ids and its slots (offering id and start). */
function componentKey(g: CandidateGraph, c: Component): string {
  const needs = c.needs.map((n) => g.needs[n].id).join(',');
  const slots = c.slots
    .map((s) => `${g.offerings[g.slotOffering[s]].id}@${g.slotWindow[s].from}`)
    .join(',');
  return `${needs}|${slots}`;
}

/**
 * The component's own candidate graph, with local indices in the same (id-sorted) order as the
 * global ones, so its search is exactly what it would be if the component were the whole run.
 */
function subgraph(
  g: CandidateGraph,
  c: Component,
  scratch: { localNeed: Int32Array; localEdge: Int32Array },
): { graph: OptimisationGraph; globalEdge: Int32Array } {
  const { localNeed, localEdge } = scratch;
  c.needs.forEach((n, i) => (localNeed[n] = i));
  let edgeCount = 0;
  for (const s of c.slots) edgeCount += g.slotStart[s + 1] - g.slotStart[s];
  const slotStart = new Int32Array(c.slots.length + 1);
  const globalEdge = new Int32Array(edgeCount);
  const edgeNeed = new Int32Array(edgeCount);
  const edgeSlot = new Int32Array(edgeCount);
  const edgeValue = new Float64Array(edgeCount);
  const edgeMinSize = new Int32Array(edgeCount);
  let i = 0;
  c.slots.forEach((s, ls) => {
    slotStart[ls] = i;
    for (let e = g.slotStart[s]; e < g.slotStart[s + 1]; e++) {
      const n = g.edgeNeed[e];
      globalEdge[i] = e;
      localEdge[e] = i;
      edgeNeed[i] = localNeed[n];
      edgeSlot[i] = ls;
      edgeValue[i] = g.edgeValue[e];
      edgeMinSize[i] = g.edgeMinSize[e];
      i++;
    }
  });
  slotStart[c.slots.length] = i;
  const needEdgeStart = new Int32Array(c.needs.length + 1);
  const needEdges = new Int32Array(edgeCount);
  let j = 0;
  c.needs.forEach((n, ln) => {
    needEdgeStart[ln] = j;
    for (let k = g.needEdgeStart[n]; k < g.needEdgeStart[n + 1]; k++)
      needEdges[j++] = localEdge[g.needEdges[k]];
  });
  needEdgeStart[c.needs.length] = j;
  return {
    graph: {
      slotCount: c.slots.length,
      slotMin: Int32Array.from(c.slots, (s) => g.slotMin[s]),
      slotMax: Int32Array.from(c.slots, (s) => g.slotMax[s]),
      slotStart,
      edgeNeed,
      edgeSlot,
      edgeValue,
      edgeMinSize,
      needParticipants: Int32Array.from(c.needs, (n) => g.needParticipants[n]),
      needEmployer: Int32Array.from(c.needs, (n) => g.needEmployer[n]),
      needEdgeStart,
      needEdges,
    },
    globalEdge,
  };
}

/** Below this a kept cohort set counts as worth what the search found (float noise). */
const KEEP_EPS = 1e-9;

/**
 * The previous run's cohorts within a component, as local slot members, with their value: each
 * one whose needs all still fit its slot, none taken twice, within the slot's sizes (a cohort
 * that no longer holds is left out; the rest is still a valid choice). Null when there are none.
 */
function previousCohorts(
  g: CandidateGraph,
  c: Component,
  sub: { graph: OptimisationGraph; globalEdge: Int32Array },
  previousBySlot: ReadonlyMap<string, (readonly string[])[]>,
  poolingBonus: number,
): { slotMembers: Array<number[] | null>; value: number } | null {
  if (previousBySlot.size === 0) return null;
  const sg = sub.graph;
  const slotMembers: Array<number[] | null> = new Array(sg.slotCount).fill(null);
  const taken = new Set<number>();
  let value = 0;
  let any = false;
  c.slots.forEach((s, ls) => {
    const cohorts = previousBySlot.get(
      `${g.offerings[g.slotOffering[s]].id}\u0000${g.slotWindow[s].from}`,
    );
    if (!cohorts) return;
    const edgeOfNeed = new Map<string, number>();
    for (let e = sg.slotStart[ls]; e < sg.slotStart[ls + 1]; e++)
      edgeOfNeed.set(g.needs[c.needs[sg.edgeNeed[e]]].id, e);
    for (const needIds of cohorts) {
      if (slotMembers[ls]) break;
      const edges = needIds.map((id) => edgeOfNeed.get(id));
      if (edges.length === 0 || edges.some((e) => e === undefined)) continue;
      const local = (edges as number[]).sort((a, b) => a - b);
      if (local.some((e) => taken.has(sg.edgeNeed[e]))) continue;
      let size = 0;
      let minSize = sg.slotMin[ls];
      for (const e of local) {
        size += sg.needParticipants[sg.edgeNeed[e]];
        minSize = Math.max(minSize, sg.edgeMinSize[e]);
      }
      if (size < minSize || size > sg.slotMax[ls]) continue;
      for (const e of local) taken.add(sg.edgeNeed[e]);
      slotMembers[ls] = local;
      const employers = new Set<number>();
      for (const e of local) {
        value += sg.edgeValue[e];
        employers.add(sg.needEmployer[sg.edgeNeed[e]]);
      }
      value += poolingBonus * (employers.size - 1);
      any = true;
    }
  });
  return any ? { slotMembers, value } : null;
}
