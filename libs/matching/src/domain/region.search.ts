/**
 * Bounded-exact search over a small region: a few slots (offering start windows) and the needs
 * that may go to them, everything else held fixed. It finds the best way to share those needs
 * between the slots — including splits no single-slot move reaches, such as a donor cohort giving
 * a receiver only part of its needs so that both stay above their minimums.
 *
 * Depth-first branch and bound over the needs (most valuable first): each need goes to one of its
 * region slots with room, or to none. Two upper bounds, the smaller one prunes: every remaining
 * need at its best value, and per slot a fractional knapsack of the remaining needs into the
 * room left. A cohort that cannot reach its minimum (or a member's cost minimum) any more is cut
 * off early. The work is capped by a count of nodes, so runs stay deterministic; when the cap is
 * hit the best solution found so far is returned and `exact` is false.
 */
export interface RegionGraph {
  slotMin: Int32Array;
  slotMax: Int32Array;
  slotStart: Int32Array;
  edgeNeed: Int32Array;
  edgeMinSize: Int32Array;
  needParticipants: Int32Array;
  needEmployer: Int32Array;
  needEdgeStart: Int32Array;
  needEdges: Int32Array;
  edgeSlot: Int32Array;
}

export interface RegionSolution {
  /** Per need of the request (same order): the chosen edge, or -1. */
  edges: Int32Array;
  value: number;
  /** True when the search finished within its node budget (the result is then optimal). */
  exact: boolean;
}

const EPS = 1e-9;

interface Option {
  slot: number;
  edge: number;
  value: number;
}

export function searchRegion(
  g: RegionGraph,
  value: Float64Array,
  bonus: number,
  slots: readonly number[],
  needs: readonly number[],
  incumbent: number,
  nodeBudget: number,
): RegionSolution | null {
  const k = slots.length;
  const slotPos = new Map<number, number>();
  slots.forEach((s, i) => slotPos.set(s, i));

  // Options of each need inside the region; needs ordered by their best option, then index.
  const raw = needs.map((n, i) => {
    const options: Option[] = [];
    for (let j = g.needEdgeStart[n]; j < g.needEdgeStart[n + 1]; j++) {
      const e = g.needEdges[j];
      const pos = slotPos.get(g.edgeSlot[e]);
      if (pos !== undefined) options.push({ slot: pos, edge: e, value: value[e] });
    }
    options.sort((a, b) => b.value - a.value || a.slot - b.slot);
    return { n, i, options, best: options.length > 0 ? options[0].value : 0 };
  });
  const order = raw
    .filter((r) => r.options.length > 0)
    .sort((a, b) => b.best - a.best || a.n - b.n);
  const m = order.length;
  const participants = Int32Array.from(order, (r) => g.needParticipants[r.n]);

  const employerIds = new Map<number, number>();
  const employer = Int32Array.from(order, (r) => {
    const id = g.needEmployer[r.n];
    let local = employerIds.get(id);
    if (local === undefined) employerIds.set(id, (local = employerIds.size));
    return local;
  });
  const E = Math.max(1, employerIds.size);

  // Suffix bounds: best value of the needs from depth i on, and per slot the participants that
  // could still join it.
  const suffixBest = new Float64Array(m + 1);
  for (let i = m - 1; i >= 0; i--) suffixBest[i] = suffixBest[i + 1] + order[i].best + bonus;
  const suffixRoom = new Int32Array((m + 1) * k);
  for (let i = m - 1; i >= 0; i--)
    for (let s = 0; s < k; s++) {
      const here = order[i].options.some((o) => o.slot === s) ? participants[i] : 0;
      suffixRoom[i * k + s] = suffixRoom[(i + 1) * k + s] + here;
    }
  // Per slot: needs by value density, for the fractional knapsack bound.
  const byDensity: Array<Array<{ depth: number; p: number; v: number }>> = [];
  for (let s = 0; s < k; s++) {
    const list: Array<{ depth: number; p: number; v: number }> = [];
    order.forEach((r, depth) => {
      const o = r.options.find((x) => x.slot === s);
      if (o && participants[depth] > 0)
        list.push({ depth, p: participants[depth], v: o.value + bonus });
    });
    list.sort((a, b) => b.v / b.p - a.v / a.p || a.depth - b.depth);
    byDensity.push(list);
  }

  const size = new Int32Array(k);
  const members = new Int32Array(k);
  const required = Int32Array.from(slots, (s) => g.slotMin[s]);
  const requiredStack: number[] = [];
  const empCount = new Int32Array(k * E);
  const choice = new Int32Array(m).fill(-1);
  const bestChoice = new Int32Array(m).fill(-1);
  let current = 0;
  let best = incumbent;
  let found = false;
  let nodes = 0;
  let aborted = false;

  const slotMaxOf = (s: number) => g.slotMax[slots[s]];

  const bound = (depth: number): number => {
    let knap = 0;
    for (let s = 0; s < k; s++) {
      let room = slotMaxOf(s) - size[s];
      if (room <= 0) continue;
      for (const it of byDensity[s]) {
        if (it.depth < depth) continue;
        if (it.p <= room) {
          knap += it.v;
          room -= it.p;
        } else {
          knap += (it.v * room) / it.p;
          break;
        }
        if (room === 0) break;
      }
    }
    return current + Math.min(knap, suffixBest[depth]);
  };

  const feasibleAhead = (depth: number): boolean => {
    for (let s = 0; s < k; s++)
      if (members[s] > 0 && size[s] + suffixRoom[depth * k + s] < required[s]) return false;
    return true;
  };

  const visit = (depth: number): void => {
    if (aborted) return;
    if (++nodes > nodeBudget) {
      aborted = true;
      return;
    }
    if (depth === m) {
      for (let s = 0; s < k; s++) if (members[s] > 0 && size[s] < required[s]) return;
      if (current > best + EPS) {
        best = current;
        found = true;
        bestChoice.set(choice);
      }
      return;
    }
    if (bound(depth) <= best + EPS) return;
    const p = participants[depth];
    const a = employer[depth];
    for (const o of order[depth].options) {
      const s = o.slot;
      if (size[s] + p > slotMaxOf(s)) continue;
      const minSize = g.edgeMinSize[o.edge];
      const gain =
        o.value + (empCount[s * E + a] === 0 ? bonus : 0) - (members[s] === 0 ? bonus : 0);
      size[s] += p;
      members[s]++;
      empCount[s * E + a]++;
      requiredStack.push(required[s]);
      if (minSize > required[s]) required[s] = minSize;
      current += gain;
      choice[depth] = o.edge;
      if (feasibleAhead(depth + 1)) visit(depth + 1);
      choice[depth] = -1;
      current -= gain;
      required[s] = requiredStack.pop()!;
      empCount[s * E + a]--;
      members[s]--;
      size[s] -= p;
      if (aborted) return;
    }
    if (feasibleAhead(depth + 1)) visit(depth + 1);
  };
  visit(0);
  if (!found) return null;
  const edges = new Int32Array(needs.length).fill(-1);
  order.forEach((r, depth) => {
    edges[r.i] = bestChoice[depth];
  });
  return { edges, value: best, exact: !aborted };
}
