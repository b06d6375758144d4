import type { CandidateGraph } from './candidate-graph.builder';
import type { MatchingParameters } from './matching-parameters';
import { CohortBuilder, type CohortItems } from './cohort.builder';

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
 * All iteration is in index order (ids sorted), so the result does not depend on input order.
 */
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

  constructor(
    private readonly g: CandidateGraph,
    params: MatchingParameters,
  ) {
    this.bonus = params.weights.poolingBonus;
    this.needSlot = new Int32Array(g.needs.length).fill(-1);
    this.needEdge = new Int32Array(g.needs.length).fill(-1);
    this.slotMembers = new Array(g.slotCount).fill(null);
    this.slotSize = new Int32Array(g.slotCount);
    this.slotValue = new Float64Array(g.slotCount);
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
  }

  private readonly maxMoves: number;

  run(): OptimisedCohorts {
    this.greedy();
    const greedyObjective = this.objective();
    this.improve();
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
    excludedDonors?: Set<number>,
  ): { edges: number[]; value: number } | null {
    const g = this.g;
    const it = this.items;
    let count = 0;
    for (let e = g.slotStart[slot]; e < g.slotStart[slot + 1]; e++) {
      const n = g.edgeNeed[e];
      const current = this.needSlot[n];
      let value = g.edgeValue[e] + this.bonus;
      if (current !== -1 && current !== slot) {
        if (!steal || excludedDonors?.has(current)) continue;
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
    if (remaining < needSize) return null;
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
  }

  private greedy(): void {
    const g = this.g;
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
  }

  private improve(): void {
    const g = this.g;
    const queue = new SlotQueue(g.slotCount);
    for (let s = 0; s < g.slotCount; s++) if (g.slotStart[s + 1] > g.slotStart[s]) queue.push(s);
    const enqueueSlotsOfNeed = (n: number) => {
      for (let k = g.needEdgeStart[n]; k < g.needEdgeStart[n + 1]; k++)
        queue.push(g.edgeSlot[g.needEdges[k]]);
    };

    while (queue.size > 0 && this.moves < this.maxMoves) {
      const s = queue.shift();
      const excluded = new Set<number>();
      for (let attempt = 0; attempt < 4; attempt++) {
        const best = this.solveSlot(s, true, excluded);
        if (!best) break;
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
        let invalid = false;
        let delta = this.valueOf(best.edges) - this.slotValue[s];
        const remainders = new Map<number, number[]>();
        for (const [d, taken] of [...donors.entries()].sort((a, b) => a[0] - b[0])) {
          const rest = this.slotMembers[d]!.filter((e) => !taken.has(g.edgeNeed[e]));
          if (!this.validRemainder(d, rest)) {
            excluded.add(d);
            invalid = true;
          }
          remainders.set(d, rest);
          delta += this.valueOf(rest) - this.slotValue[d];
        }
        if (invalid) continue;
        if (delta <= EPS) break;

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
        for (const [d, rest] of remainders) {
          this.assign(d, rest);
          for (const e of rest) enqueueSlotsOfNeed(g.edgeNeed[e]);
          queue.push(d);
        }
        this.assign(s, best.edges);
        for (const n of freed) enqueueSlotsOfNeed(n);
        this.moves++;
        break;
      }
    }
  }
}

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
