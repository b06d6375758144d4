import type { MatchingParameters } from './matching-parameters';
import { CohortBuilder, type CohortItems } from './cohort.builder';
import { SeededRandom } from './seeded-random';
import { searchRegion, type RegionGraph } from './region.search';

/**
 * Chooses the cohorts: at most one per slot (offering start window), each need in at most one
 * cohort, every cohort within its offering's min/max and large enough for each member's max cost,
 * maximising the sum of cohort values (cohort.value.ts).
 *
 * 1. Greedy construction: repeatedly open the slot whose best cohort from still-free needs is
 *    worth most (lazy priority queue: a slot is only re-solved when one of its candidates was taken).
 * 2. Local improvement until no move helps: re-solve one slot at a time over free needs, its own
 *    members and needs it may take from other cohorts (priced at what that cohort loses, and only
 *    if that cohort stays valid or closes entirely). A move is applied only if the exact objective
 *    rises, so the search terminates; slots near a change are revisited.
 *
 * 3. Pair moves: for an open cohort and each slot sharing a need with it, the two slots' needs are
 *    re-shared exactly (region.search.ts), so a donor can give a receiver part of its needs.
 * 4. Components small enough are then solved exactly (same search over all their slots).
 *
 * All iteration is in index order (ids sorted), so the result does not depend on input order.
 * The optimiser sees one connected component at a time (component.optimizer.ts); its budgets and
 * its random seed come from that component alone.
 */

/** What the optimiser reads: the candidate graph's arrays (of one component). */
export interface OptimisationGraph extends RegionGraph {
  slotCount: number;
  edgeValue: Float64Array;
}

/** Search effort of one optimiser run; counts, never time, so runs stay deterministic. */
export interface SearchBudget {
  /** Extra search (several starts, ruin and recreate, donor repairs) for regional runs. */
  small: boolean;
  /** Seed of the run's random choices, from the component's own content. */
  seed: number;
  starts: number;
  lnsSolves: number;
  ruinSolves: number;
  /** Node budget of each pair move, and of the exact search of a whole component. */
  pairNodes: number;
  exactNodes: number;
}

export interface OptimisedCohorts {
  needSlot: Int32Array;
  needEdge: Int32Array;
  /** Edge positions of each open slot's cohort, ascending; null when the slot is not used. */
  slotMembers: Array<number[] | null>;
  slotSize: Int32Array;
  slotValue: Float64Array;
  objective: number;
  greedyObjective: number;
  moves: number;
}

const EPS = 1e-9;

export class CohortOptimiser {
  private readonly builder = new CohortBuilder();
  private readonly needSlot: Int32Array;
  private readonly needEdge: Int32Array;
  private readonly slotMembers: Array<number[] | null>;
  private readonly slotSize: Int32Array;
  private readonly slotValue: Float64Array;
  private readonly items: CohortItems & { edge: Int32Array };
  private readonly bonus: number;
  private moves = 0;
  /** Edge values the construction ranks by (the true ones, or perturbed ones for extra starts). */
  private value: Float64Array;
  /** Small runs (see SMALL_RUN_EDGES) get several starts, ruin and recreate, donor repairs. */
  private readonly small: boolean;
  /** Slot solves so far: the deterministic work measure the search budget is counted in. */
  private solves = 0;

  private readonly budget: SearchBudget;
  private readonly needCount: number;

  constructor(
    private readonly g: OptimisationGraph,
    params: MatchingParameters,
    budget?: SearchBudget,
  ) {
    this.bonus = params.weights.poolingBonus;
    this.value = g.edgeValue;
    this.budget = budget ?? defaultBudget(g, params);
    this.small = this.budget.small;
    this.needCount = g.needEdgeStart.length - 1;
    this.needSlot = new Int32Array(this.needCount).fill(-1);
    this.needEdge = new Int32Array(this.needCount).fill(-1);
    this.slotMembers = new Array(g.slotCount).fill(null);
    this.slotSize = new Int32Array(g.slotCount);
    this.slotValue = new Float64Array(g.slotCount);
    this.slotVersion = new Uint32Array(g.slotCount);
    let widest = 1;
    for (let s = 0; s < g.slotCount; s++)
      widest = Math.max(widest, g.slotStart[s + 1] - g.slotStart[s]);
    this.items = {
      count: 0,
      participants: new Int32Array(widest),
      value: new Float64Array(widest),
      minSize: new Int32Array(widest),
      edge: new Int32Array(widest),
    };
    this.maxMoves = Math.max(1000, params.maxMovesPerSlot * g.slotCount);
    this.lnsBudget = this.budget.lnsSolves;
  }

  private readonly maxMoves: number;

  run(): OptimisedCohorts {
    const starts = this.budget.starts;
    let greedyObjective = 0;
    let best: Snapshot | null = null;
    for (let k = 0; k < starts; k++) {
      if (k > 0) this.clearAll();
      this.greedy(k);
      if (k === 0) greedyObjective = this.objective();
      this.improve();
      this.largeNeighbourhoodSearch();
      this.improve();
      const objective = this.objective();
      if (best === null || objective > best.objective + EPS) best = this.snapshot(objective);
    }
    if (starts > 1) this.restore(best!);
    if (this.small && this.budget.ruinSolves > 0) {
      this.ruinAndRecreate(this.budget.ruinSolves);
      this.improve();
    }
    if (this.pairMoves()) this.improve();
    this.solveExactly();
    return {
      needSlot: this.needSlot,
      needEdge: this.needEdge,
      slotMembers: this.slotMembers,
      slotSize: this.slotSize,
      slotValue: this.slotValue,
      objective: this.objective(),
      greedyObjective,
      moves: this.moves,
    };
  }

  /** Exact value of a set of edges of one slot (see cohort.value.ts). */
  valueOf(edges: readonly number[]): number {
    const g = this.g;
    let sum = 0;
    const employers = new Set<number>();
    for (const e of edges) {
      sum += g.edgeValue[e];
      employers.add(g.needEmployer[g.edgeNeed[e]]);
    }
    return edges.length > 0 ? sum + this.bonus * (employers.size - 1) : 0;
  }

  private objective(): number {
    let total = 0;
    for (let s = 0; s < this.g.slotCount; s++) total += this.slotValue[s];
    return total;
  }

  /** A remaining cohort is valid if empty (closed) or within min/max and affordable for all members. */
  private validRemainder(slot: number, edges: readonly number[]): boolean {
    if (edges.length === 0) return true;
    const g = this.g;
    let size = 0;
    let need = 0;
    for (const e of edges) {
      size += g.needParticipants[g.edgeNeed[e]];
      need = Math.max(need, g.edgeMinSize[e]);
    }
    return size >= Math.max(g.slotMin[slot], need) && size <= g.slotMax[slot];
  }

  /**
   * Best cohort for `slot` from free needs and its own members, plus (if `steal`) needs of other
   * cohorts priced at their cohort's loss. Returns edge positions or null.
   */
  private solveSlot(
    slot: number,
    steal: boolean,
    skipDonor?: (donor: number) => boolean,
  ): { edges: number[]; value: number } | null {
    const g = this.g;
    const it = this.items;
    this.solves++;
    let count = 0;
    for (let e = g.slotStart[slot]; e < g.slotStart[slot + 1]; e++) {
      const n = g.edgeNeed[e];
      const current = this.needSlot[n];
      let value = this.value[e] + this.bonus;
      if (current !== -1 && current !== slot) {
        if (!steal || skipDonor?.(current)) continue;
        const loss = this.lossIfRemoved(current, n);
        if (loss === null) continue;
        value -= loss;
      }
      it.participants[count] = g.needParticipants[n];
      it.value[count] = value;
      it.minSize[count] = g.edgeMinSize[e];
      it.edge[count] = e;
      count++;
    }
    it.count = count;
    const built = this.builder.best(it, g.slotMin[slot], g.slotMax[slot], -this.bonus);
    if (!built) return null;
    return { edges: built.chosen.map((i) => it.edge[i]), value: built.value };
  }

  /** What cohort `slot` loses if need `n` leaves it; null if the rest would become invalid. */
  private lossIfRemoved(slot: number, n: number): number | null {
    const g = this.g;
    const members = this.slotMembers[slot]!;
    const remaining = this.slotSize[slot] - g.needParticipants[n];
    if (remaining === 0) return this.slotValue[slot];
    let needSize = g.slotMin[slot];
    let sameEmployer = false;
    const employer = g.needEmployer[n];
    for (const e of members) {
      const m = g.edgeNeed[e];
      if (m === n) continue;
      if (g.edgeMinSize[e] > needSize) needSize = g.edgeMinSize[e];
      if (g.needEmployer[m] === employer) sameEmployer = true;
    }
    // Small runs also price a need whose donor would be left invalid at its marginal value:
    // trySlotMove then repairs (re-solves) or closes that donor and checks the exact change
    // before applying anything. Large runs skip those (many more failed attempts).
    if (remaining < needSize && !this.small) return null;
    return g.edgeValue[this.needEdge[n]] + (sameEmployer ? 0 : this.bonus);
  }

  private assign(slot: number, edges: number[]): void {
    const g = this.g;
    edges.sort((a, b) => a - b);
    let size = 0;
    for (const e of edges) {
      const n = g.edgeNeed[e];
      this.needSlot[n] = slot;
      this.needEdge[n] = e;
      size += g.needParticipants[n];
    }
    this.slotMembers[slot] = edges.length > 0 ? edges : null;
    this.slotSize[slot] = size;
    this.slotValue[slot] = this.valueOf(edges);
    this.slotVersion[slot]++;
  }

  /** Bumped whenever a slot's cohort is set, so pair moves skip pairs searched since unchanged. */
  private readonly slotVersion: Uint32Array;

  private snapshot(objective: number): Snapshot {
    return {
      objective,
      members: this.slotMembers.map((m) => (m ? [...m] : null)),
    };
  }

  /** Value of a set of slots' cohorts, and the free needs and members they could share. */
  private regionNeeds(slots: readonly number[]): number[] {
    const g = this.g;
    const inRegion = new Set(slots);
    const needs = new Set<number>();
    for (const s of slots)
      for (let e = g.slotStart[s]; e < g.slotStart[s + 1]; e++) {
        const n = g.edgeNeed[e];
        const at = this.needSlot[n];
        if (at === -1 || inRegion.has(at)) needs.add(n);
      }
    return [...needs].sort((a, b) => a - b);
  }

  /**
   * Re-shares the needs of `slots` (and the free needs they could take) exactly, within `nodes`
   * search nodes; applies the result if the slots' total value rises. Returns whether it did.
   */
  private reshare(slots: readonly number[], nodes: number): { moved: boolean; exact: boolean } {
    const g = this.g;
    const needs = this.regionNeeds(slots);
    let before = 0;
    for (const s of slots) before += this.slotValue[s];
    const found = searchRegion(g, g.edgeValue, this.bonus, slots, needs, before, nodes);
    if (!found) return { moved: false, exact: false };
    const bySlot = new Map<number, number[]>(slots.map((s) => [s, []]));
    needs.forEach((n, i) => {
      const e = found.edges[i];
      if (e >= 0) bySlot.get(g.edgeSlot[e])!.push(e);
    });
    let after = 0;
    for (const edges of bySlot.values()) after += this.valueOf(edges);
    if (after <= before + EPS) return { moved: false, exact: found.exact };
    for (const n of needs) {
      if (this.needSlot[n] !== -1) {
        this.needSlot[n] = -1;
        this.needEdge[n] = -1;
      }
    }
    for (const s of slots) this.assign(s, []);
    for (const [s, edges] of bySlot) this.assign(s, edges);
    this.moves++;
    return { moved: true, exact: found.exact };
  }

  /**
   * Pair moves: for each open cohort, each slot sharing one of its members' needs gets an exact
   * re-share of the two slots' needs (region.search.ts) — e.g. a receiver reaching its minimum
   * with part of a donor's needs while the donor keeps its own. Rounds repeat while one helps;
   * a pair is searched again only once one of its cohorts changed. National runs only try
   * receivers that are closed (the moves that open a cohort), to stay within their time.
   */
  private pairMoves(): boolean {
    const g = this.g;
    const nodes = this.budget.pairNodes;
    if (nodes <= 0 || g.slotCount < 2) return false;
    let any = false;
    const searched = new Map<number, number>();
    // Partners of a donor are collected once each (a stamp per slot, not a set per donor).
    const seen = new Int32Array(g.slotCount).fill(-1);
    let stamp = 0;
    for (let round = 0; round < PAIR_ROUNDS; round++) {
      let moved = false;
      for (let d = 0; d < g.slotCount; d++) {
        if (!this.slotMembers[d]) continue;
        const partners: number[] = [];
        stamp++;
        for (const e of this.slotMembers[d]!) {
          const n = g.edgeNeed[e];
          for (let k = g.needEdgeStart[n]; k < g.needEdgeStart[n + 1]; k++) {
            const s = g.edgeSlot[g.needEdges[k]];
            if (s === d || seen[s] === stamp) continue;
            seen[s] = stamp;
            if (!this.small && (this.slotMembers[s] || this.neverOpens(s))) continue;
            partners.push(s);
          }
        }
        partners.sort((a, b) => a - b);
        for (const s of partners) {
          if (!this.slotMembers[d]) break;
          const pair = d < s ? [d, s] : [s, d];
          // Searched before with both cohorts as they are now: nothing to gain.
          const key = pair[0] * g.slotCount + pair[1];
          const version = this.slotVersion[pair[0]] * 65_537 + this.slotVersion[pair[1]];
          if (searched.get(key) === version) continue;
          if (!this.small && (this.slotMembers[s] || !this.canOpenWith(s, d))) continue;
          if (this.regionNeeds(pair).length > PAIR_MAX_NEEDS) continue;
          if (this.reshare(pair, nodes).moved) moved = any = true;
          searched.set(key, this.slotVersion[pair[0]] * 65_537 + this.slotVersion[pair[1]]);
        }
      }
      if (!moved) break;
    }
    return any;
  }

  /** Participants of all needs that fit each slot: a slot below its minimum never opens. */
  private slotReach: Int32Array | null = null;

  private neverOpens(s: number): boolean {
    const g = this.g;
    if (!this.slotReach) {
      this.slotReach = new Int32Array(g.slotCount);
      for (let t = 0; t < g.slotCount; t++)
        for (let e = g.slotStart[t]; e < g.slotStart[t + 1]; e++)
          this.slotReach[t] += g.needParticipants[g.edgeNeed[e]];
    }
    return this.slotReach[s] < g.slotMin[s];
  }

  /**
   * Whether closed slot `s` could reach its minimum from free needs and donor `d`'s members. Most
   * closed slots of a national run cannot; skipping them before the exact search keeps pair
   * moves within the national time budget without changing any move that could succeed.
   */
  private canOpenWith(s: number, d: number): boolean {
    const g = this.g;
    let reachable = 0;
    for (let e = g.slotStart[s]; e < g.slotStart[s + 1]; e++) {
      const holder = this.needSlot[g.edgeNeed[e]];
      if (holder !== -1 && holder !== d) continue;
      reachable += g.needParticipants[g.edgeNeed[e]];
      if (reachable >= g.slotMin[s]) return true;
    }
    return false;
  }

  /** A component small enough is solved exactly (all its slots at once), within a node budget. */
  private solveExactly(): void {
    const g = this.g;
    if (this.budget.exactNodes <= 0 || this.needCount > EXACT_MAX_NEEDS || g.slotCount < 1) return;
    const slots: number[] = [];
    for (let s = 0; s < g.slotCount; s++) if (g.slotStart[s + 1] > g.slotStart[s]) slots.push(s);
    if (slots.length > EXACT_MAX_SLOTS) return;
    this.reshare(slots, this.budget.exactNodes);
  }

  private clearAll(): void {
    this.needSlot.fill(-1);
    this.needEdge.fill(-1);
    this.slotMembers.fill(null);
    this.slotSize.fill(0);
    this.slotValue.fill(0);
  }

  private restore(snapshot: Snapshot): void {
    this.clearAll();
    snapshot.members.forEach((m, s) => {
      if (m) this.assign(s, [...m]);
    });
  }

  /**
   * Greedy construction. Start 0 ranks cohorts by their true value; start k > 0 (small runs only)
   * ranks them by values perturbed by a fixed hash of (edge, k) — deterministic and derived from
   * the id-sorted content, so still independent of input order — to reach other basins.
   */
  private greedy(start = 0): void {
    const g = this.g;
    if (start > 0) {
      const noisy = new Float64Array(g.edgeValue.length);
      for (let e = 0; e < noisy.length; e++)
        noisy[e] = g.edgeValue[e] * (1 + NOISE * (hashUnit(e ^ this.budget.seed, start) - 0.5));
      this.value = noisy;
    }
    const heap = new SlotHeap();
    const dirty = new Uint8Array(g.slotCount);
    const cached: Array<number[] | null> = new Array(g.slotCount).fill(null);
    for (let s = 0; s < g.slotCount; s++) {
      const best = this.solveSlot(s, false);
      if (best && best.value > EPS) {
        cached[s] = best.edges;
        heap.push(best.value, s);
      }
    }
    while (heap.size > 0) {
      const s = heap.popSlot();
      if (this.slotMembers[s] !== null) continue;
      if (dirty[s]) {
        dirty[s] = 0;
        const best = this.solveSlot(s, false);
        cached[s] = best && best.value > EPS ? best.edges : null;
        if (cached[s]) heap.push(best!.value, s);
        continue;
      }
      const edges = cached[s]!;
      cached[s] = null;
      this.assign(s, edges);
      for (const e of edges) {
        const n = g.edgeNeed[e];
        for (let k = g.needEdgeStart[n]; k < g.needEdgeStart[n + 1]; k++)
          dirty[g.edgeSlot[g.needEdges[k]]] = 1;
      }
    }
    this.value = g.edgeValue;
  }

  private improve(): void {
    const g = this.g;
    const queue = new SlotQueue(g.slotCount);
    for (let s = 0; s < g.slotCount; s++) if (g.slotStart[s + 1] > g.slotStart[s]) queue.push(s);
    const touched = (slots: number[], needs: number[]) => {
      for (const d of slots) queue.push(d);
      for (const n of needs)
        for (let k = g.needEdgeStart[n]; k < g.needEdgeStart[n + 1]; k++)
          queue.push(g.edgeSlot[g.needEdges[k]]);
    };
    const limit = this.moves + this.maxMoves;
    while (queue.size > 0 && this.moves < limit) this.trySlotMove(queue.shift(), null, touched);
  }

  /**
   * Re-solves `slot` over free needs, its own members and needs it may take from other cohorts
   * (only donors accepted by `donorAllowed`, when given). Applies the result if the objective
   * rises and reports the donor slots and freed or remaining needs whose neighbourhood changed.
   */
  private trySlotMove(
    s: number,
    donorAllowed: ((d: number) => boolean) | null,
    touched: (slots: number[], needs: number[]) => void,
  ): boolean {
    const g = this.g;
    const excluded = new Set<number>();
    for (let attempt = 0; attempt < 4; attempt++) {
      const best = this.solveSlot(
        s,
        true,
        (d) => excluded.has(d) || (donorAllowed !== null && !donorAllowed(d)),
      );
      if (!best) return false;
      // Group stolen needs by donor cohort and check that each donor stays valid.
      const donors = new Map<number, Set<number>>();
      for (const e of best.edges) {
        const current = this.needSlot[g.edgeNeed[e]];
        if (current !== -1 && current !== s) {
          const set = donors.get(current) ?? new Set<number>();
          set.add(g.edgeNeed[e]);
          donors.set(current, set);
        }
      }
      // A donor left invalid (below its minimum or too small for a member's max cost) is
      // repaired: re-solved over its remaining members and free needs (the needs `s` takes are
      // marked as taken meanwhile), or closed. Ejection plus repair is one compound move.
      let delta = this.valueOf(best.edges) - this.slotValue[s];
      const remainders = new Map<number, number[]>();
      const repaired: number[] = [];
      const marks: number[] = [];
      const mark = (n: number, slot: number) => {
        marks.push(n, this.needSlot[n]);
        this.needSlot[n] = slot;
      };
      for (const e of best.edges) if (this.needSlot[g.edgeNeed[e]] !== s) mark(g.edgeNeed[e], s);
      for (const [d, taken] of [...donors.entries()].sort((a, b) => a[0] - b[0])) {
        let rest = this.slotMembers[d]!.filter((e) => !taken.has(g.edgeNeed[e]));
        if (!this.validRemainder(d, rest)) {
          const fix = this.solveSlot(d, false);
          rest = fix ? fix.edges : [];
          repaired.push(d);
          for (const e of rest) if (this.needSlot[g.edgeNeed[e]] === -1) mark(g.edgeNeed[e], d);
        }
        remainders.set(d, rest);
        delta += this.valueOf(rest) - this.slotValue[d];
      }
      for (let i = marks.length - 2; i >= 0; i -= 2) this.needSlot[marks[i]] = marks[i + 1];
      if (delta <= EPS) {
        if (repaired.length === 0) return false;
        for (const d of repaired) excluded.add(d);
        continue;
      }

      const chosenNeeds = new Set(best.edges.map((e) => g.edgeNeed[e]));
      const freed: number[] = [];
      for (const e of this.slotMembers[s] ?? []) {
        const n = g.edgeNeed[e];
        if (!chosenNeeds.has(n)) {
          this.needSlot[n] = -1;
          this.needEdge[n] = -1;
          freed.push(n);
        }
      }
      const changed: number[] = [];
      for (const [d, rest] of remainders) {
        const kept = new Set(rest.map((e) => g.edgeNeed[e]));
        for (const e of this.slotMembers[d]!) {
          const n = g.edgeNeed[e];
          if (!chosenNeeds.has(n) && !kept.has(n)) {
            this.needSlot[n] = -1;
            this.needEdge[n] = -1;
            freed.push(n);
          }
        }
        this.assign(d, rest);
        for (const e of rest) freed.push(g.edgeNeed[e]);
        changed.push(d);
      }
      this.assign(s, best.edges);
      this.moves++;
      touched(changed, freed);
      return true;
    }
    return false;
  }

  /**
   * Large-neighbourhood search: for each slot, empty it and the slots sharing candidate needs
   * with it, then rebuild that region with the slot forced the other way (closed if it was open,
   * opened first if it was closed), and keep the rebuild only if the region's value rises.
   * This escapes the local optima of single-slot moves, e.g. when two cohorts would need the
   * needs one greedy cohort took. Rounds repeat while something improves, within a budget.
   */
  private largeNeighbourhoodSearch(): void {
    const g = this.g;
    const stamp = new Int32Array(g.slotCount).fill(-1);
    const limit = this.solves + this.lnsBudget;
    for (let round = 0; round < 20 && this.solves < limit; round++) {
      let improved = false;
      for (let s = 0; s < g.slotCount && this.solves < limit; s++) {
        if (g.slotStart[s + 1] === g.slotStart[s]) continue;
        const region = this.regionOf(s, stamp);
        if (region.length < 2) continue;
        if (this.rebuildRegion(s, region, stamp)) improved = true;
      }
      if (!improved) break;
    }
  }

  private readonly lnsBudget: number;

  /**
   * Ruin and recreate (small runs): pick a slot by a seeded generator, empty it and a random part
   * of the slots sharing candidate needs with it, rebuild that region greedily by randomly
   * perturbed values, polish it with single-slot moves, and accept the result if it is not worse
   * — or, early on, slightly worse (a deterministic annealing schedule). The best solution seen
   * is kept. The generator's seed comes from the component's content and everything is indexed by
   * sorted ids, so the run stays deterministic and independent of input order and of other
   * components; the budget is a count of slot solves.
   */
  private ruinAndRecreate(budget: number): void {
    const g = this.g;
    const slots: number[] = [];
    for (let s = 0; s < g.slotCount; s++) if (g.slotStart[s + 1] > g.slotStart[s]) slots.push(s);
    if (slots.length < 2) return;
    const rng = new SeededRandom(this.budget.seed);
    const stamp = new Int32Array(g.slotCount).fill(-1);
    const noisy = new Float64Array(g.edgeValue.length);
    let current = this.objective();
    let best = this.snapshot(current);
    let open = 0;
    for (let s = 0; s < g.slotCount; s++) if (this.slotMembers[s]) open++;
    const t0 = RR_TEMPERATURE * (open > 0 ? current / open : 1);
    const start = this.solves;
    const limit = this.solves + budget;
    let iteration = 0;
    while (this.solves < limit) {
      iteration++;
      const s = slots[Math.floor(rng.next() * slots.length)];
      // The region: s and a random share of its neighbours (at most REGION_MAX).
      const neighbours = new Set<number>();
      for (let e = g.slotStart[s]; e < g.slotStart[s + 1]; e++) {
        const n = g.edgeNeed[e];
        for (let k = g.needEdgeStart[n]; k < g.needEdgeStart[n + 1]; k++) {
          const r = g.edgeSlot[g.needEdges[k]];
          if (r !== s) neighbours.add(r);
        }
      }
      const keep = 0.3 + 0.7 * rng.next();
      const region = [s];
      for (const r of [...neighbours].sort((a, b) => a - b))
        if (region.length < REGION_MAX && rng.next() < keep) region.push(r);
      for (const r of region) stamp[r] = iteration;

      let before = 0;
      const snapshot = region.map((r) => {
        before += this.slotValue[r];
        return this.slotMembers[r] ? [...this.slotMembers[r]!] : null;
      });
      for (const r of region) {
        for (const e of this.slotMembers[r] ?? []) {
          this.needSlot[g.edgeNeed[e]] = -1;
          this.needEdge[g.edgeNeed[e]] = -1;
        }
        this.assign(r, []);
      }
      const amplitude = RR_NOISE * rng.next();
      for (const r of region)
        for (let e = g.slotStart[r]; e < g.slotStart[r + 1]; e++)
          noisy[e] = g.edgeValue[e] * (1 + amplitude * (rng.next() - 0.5));
      this.value = noisy;
      if (rng.next() < RR_RANDOM_ORDER) {
        // Recreate in a random slot order: each slot takes its best cohort of what is left.
        for (let i = region.length - 1; i > 0; i--) {
          const j = Math.floor(rng.next() * (i + 1));
          const t = region[i];
          region[i] = region[j];
          region[j] = t;
          const u = snapshot[i];
          snapshot[i] = snapshot[j];
          snapshot[j] = u;
        }
        for (const r of region) {
          const built = this.solveSlot(r, false);
          if (built && built.value > EPS) this.assign(r, built.edges);
        }
      }
      const cached = new Map<number, { edges: number[]; value: number } | null>();
      for (const r of region) if (!this.slotMembers[r]) cached.set(r, this.solveSlot(r, false));
      for (;;) {
        let bestSlot = -1;
        let choice: { edges: number[]; value: number } | null = null;
        for (const [r, candidate] of cached)
          if (
            candidate &&
            candidate.value > EPS &&
            (!choice || candidate.value > choice.value + EPS)
          ) {
            choice = candidate;
            bestSlot = r;
          }
        if (!choice) break;
        cached.delete(bestSlot);
        this.assign(bestSlot, choice.edges);
        for (const [r, candidate] of cached)
          if (candidate && candidate.edges.some((e) => this.needSlot[g.edgeNeed[e]] !== -1))
            cached.set(r, this.solveSlot(r, false));
      }
      this.value = g.edgeValue;
      for (let pass = 0; pass < 4; pass++) {
        let moved = false;
        for (const r of region)
          if (
            this.trySlotMove(
              r,
              (d) => stamp[d] === iteration,
              () => {},
            )
          )
            moved = true;
        if (!moved) break;
      }
      let after = 0;
      for (const r of region) after += this.slotValue[r];
      const delta = after - before;
      const temperature = t0 * (1 - (this.solves - start) / budget);
      if (delta >= -EPS || (temperature > 0 && rng.next() < Math.exp(delta / temperature))) {
        current += delta;
        if (current > best.objective + EPS) best = this.snapshot(current);
      } else {
        for (const r of region) {
          for (const e of this.slotMembers[r] ?? []) {
            this.needSlot[g.edgeNeed[e]] = -1;
            this.needEdge[g.edgeNeed[e]] = -1;
          }
          this.assign(r, []);
        }
        region.forEach((r, i) => {
          if (snapshot[i]) this.assign(r, snapshot[i]!);
        });
      }
    }
    this.restore(best);
  }

  /** `s` and the slots sharing a candidate need with it (at most REGION_MAX, lowest index first). */
  private regionOf(s: number, stamp: Int32Array): number[] {
    const g = this.g;
    const region = new Set<number>([s]);
    for (let e = g.slotStart[s]; e < g.slotStart[s + 1]; e++) {
      const n = g.edgeNeed[e];
      for (let k = g.needEdgeStart[n]; k < g.needEdgeStart[n + 1]; k++)
        region.add(g.edgeSlot[g.needEdges[k]]);
    }
    const sorted = [...region]
      .sort((a, b) => (a === s ? -1 : b === s ? 1 : a - b))
      .slice(0, REGION_MAX);
    for (const r of sorted) stamp[r] = s;
    return sorted;
  }

  private rebuildRegion(s: number, region: number[], stamp: Int32Array): boolean {
    const g = this.g;
    const movesBefore = this.moves;
    let before = 0;
    const snapshot = region.map((r) => {
      before += this.slotValue[r];
      return this.slotMembers[r] ? [...this.slotMembers[r]!] : null;
    });
    const clear = () => {
      for (const r of region) {
        for (const e of this.slotMembers[r] ?? []) {
          this.needSlot[g.edgeNeed[e]] = -1;
          this.needEdge[g.edgeNeed[e]] = -1;
        }
        this.assign(r, []);
      }
    };
    clear();
    const wasOpen = snapshot[0] !== null;
    if (!wasOpen) {
      const forced = this.solveSlot(s, false);
      if (forced) this.assign(s, forced.edges);
    }
    const allowed = (r: number) => stamp[r] === s && !(wasOpen && r === s);
    // Lazy greedy rebuild inside the region: a cached cohort is re-solved only once one of its
    // needs has been taken by a cohort opened since.
    const cached = new Map<number, { edges: number[]; value: number } | null>();
    for (const r of region)
      if (allowed(r) && !this.slotMembers[r]) cached.set(r, this.solveSlot(r, false));
    for (;;) {
      let bestSlot = -1;
      let best: { edges: number[]; value: number } | null = null;
      for (const [r, candidate] of cached) {
        if (candidate && candidate.value > EPS && (!best || candidate.value > best.value + EPS)) {
          best = candidate;
          bestSlot = r;
        }
      }
      if (!best) break;
      cached.delete(bestSlot);
      this.assign(bestSlot, best.edges);
      for (const [r, candidate] of cached)
        if (candidate && candidate.edges.some((e) => this.needSlot[g.edgeNeed[e]] !== -1))
          cached.set(r, this.solveSlot(r, false));
    }
    // Single-slot moves inside the region until none helps.
    for (let pass = 0; pass < 4; pass++) {
      let moved = false;
      for (const r of region)
        if (
          allowed(r) &&
          this.trySlotMove(
            r,
            (d) => stamp[d] === s,
            () => {},
          )
        )
          moved = true;
      if (!moved) break;
    }
    let after = 0;
    for (const r of region) after += this.slotValue[r];
    if (after > before + EPS) {
      this.moves = movesBefore + 1;
      return true;
    }
    this.moves = movesBefore;
    clear();
    region.forEach((r, i) => {
      if (snapshot[i]) this.assign(r, snapshot[i]!);
    });
    return false;
  }
}

interface Snapshot {
  objective: number;
  members: Array<number[] | null>;
}

/**
 * Runs with at most this many candidate pairs (regional runs, not national ones) get the extra
 * search: ruin and recreate, donor repairs, and — up to SMALL_RUN_STARTS, fewer as the component
 * grows (MULTI_START_EDGES / pairs) — several construction starts. All budgets are counts.
 */
export const SMALL_RUN_EDGES = 20_000;
const SMALL_RUN_STARTS = 8;
const MULTI_START_EDGES = 16_000;

/** Pair moves: rounds, the largest pair region searched, and nodes per search. */
const PAIR_ROUNDS = 4;
const PAIR_MAX_NEEDS = 40;
const PAIR_NODES = 4_000;
/** Components solved exactly after the heuristics: at most this many needs and slots. */
const EXACT_MAX_NEEDS = 40;
const EXACT_MAX_SLOTS = 12;
const EXACT_NODES = 200_000;

/**
 * The budget of one component: regional runs (`small`) get several starts and ruin and recreate
 * in proportion to the component's size; national runs one start and a large-neighbourhood
 * search in proportion to the component's candidate pairs (about today's national total).
 * Everything is a function of the component alone (and the run's class), so a change elsewhere
 * never changes a component's search.
 */
export function defaultBudget(
  g: OptimisationGraph,
  params: MatchingParameters,
  small = g.edgeNeed.length <= SMALL_RUN_EDGES,
  seed = 0x5eed,
): SearchBudget {
  const edges = g.edgeNeed.length;
  const slots = g.slotCount;
  return {
    small,
    seed,
    starts: small
      ? Math.max(1, Math.min(SMALL_RUN_STARTS, Math.floor(MULTI_START_EDGES / Math.max(1, edges))))
      : 1,
    lnsSolves: small
      ? Math.min(params.lnsSolvesPerSlot * slots, params.lnsMaxSolves)
      : Math.min(params.lnsSolvesPerSlot * slots, Math.ceil(NATIONAL_LNS_PER_EDGE * edges)),
    ruinSolves: small ? Math.min(RR_SOLVES_PER_EDGE * edges, RR_MAX_SOLVES) : 0,
    pairNodes: PAIR_NODES,
    exactNodes: EXACT_NODES,
  };
}

/** National runs: large-neighbourhood solves per candidate pair of a component. */
const NATIONAL_LNS_PER_EDGE = 0.5;
/** Relative amplitude of the value perturbation of extra starts. */
const NOISE = 0.3;

/** Ruin and recreate budget (slot solves per candidate pair), noise and starting temperature. */
const RR_SOLVES_PER_EDGE = 100;
const RR_MAX_SOLVES = 250_000;
const RR_NOISE = 0.6;
/** Share of recreations that open the region's slots in a random order instead of best first. */
const RR_RANDOM_ORDER = 0.5;
/** As a share of the average cohort value. */
const RR_TEMPERATURE = 0.05;

/** A fixed hash of (a, b) to [0, 1) (integer mixing, no state): the extra starts' perturbation. */
function hashUnit(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x632be5ab, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}

/** Largest region a large-neighbourhood move rebuilds (keeps each move cheap). */
const REGION_MAX = 24;

/** Max-heap of (value, slot), ties broken by the lower slot index. */
class SlotHeap {
  private values: number[] = [];
  private slots: number[] = [];

  get size(): number {
    return this.slots.length;
  }

  private above(i: number, j: number): boolean {
    const vi = this.values[i];
    const vj = this.values[j];
    return vi > vj || (vi === vj && this.slots[i] < this.slots[j]);
  }

  private swap(i: number, j: number): void {
    [this.values[i], this.values[j]] = [this.values[j], this.values[i]];
    [this.slots[i], this.slots[j]] = [this.slots[j], this.slots[i]];
  }

  push(value: number, slot: number): void {
    this.values.push(value);
    this.slots.push(slot);
    let i = this.slots.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.above(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  popSlot(): number {
    const top = this.slots[0];
    const lastValue = this.values.pop()!;
    const lastSlot = this.slots.pop()!;
    if (this.slots.length > 0) {
      this.values[0] = lastValue;
      this.slots[0] = lastSlot;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let best = i;
        if (l < this.slots.length && this.above(l, best)) best = l;
        if (r < this.slots.length && this.above(r, best)) best = r;
        if (best === i) break;
        this.swap(i, best);
        i = best;
      }
    }
    return top;
  }
}

/** FIFO of slots without duplicates. */
class SlotQueue {
  private readonly queued: Uint8Array;
  private buffer: number[] = [];
  private head = 0;

  constructor(slotCount: number) {
    this.queued = new Uint8Array(slotCount);
  }

  get size(): number {
    return this.buffer.length - this.head;
  }

  push(slot: number): void {
    if (this.queued[slot]) return;
    this.queued[slot] = 1;
    this.buffer.push(slot);
  }

  shift(): number {
    const slot = this.buffer[this.head++];
    this.queued[slot] = 0;
    if (this.head > 65_536 && this.head * 2 > this.buffer.length) {
      this.buffer = this.buffer.slice(this.head);
      this.head = 0;
    }
    return slot;
  }
}
