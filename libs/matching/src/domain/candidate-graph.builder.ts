import type { MatchingInput, NeedInput, OfferingInput, StartWindow } from './matching-input.types';
import type { MatchingParameters } from './matching-parameters';
import { CompetenceSimilarity } from './competence-similarity';
import { DistanceTable, cmp } from './geo';
import { toDayNumber } from './calendar';
import {
  deliveryModeFits,
  distanceFits,
  fitScore,
  minCohortSizeForCost,
  proximityScore,
  requiresTravel,
  timeFits,
} from './fit.rules';
import { isSme, needValue } from './cohort.value';
import { WindowCapacity } from './capacity.rules';

/**
 * All (need, offering start window) pairs that satisfy every pairwise hard rule — the edges the
 * optimiser chooses from — found through an index instead of testing all need × offering pairs:
 * offerings are bucketed by competence and by venue municipality (remote ones apart), and a need
 * only looks at the buckets of competences similar enough to its own and of municipalities within
 * its max travel. Time, language, mode and cost are then checked per candidate.
 *
 * Everything is sorted by id first, so input order never matters.
 *
 * A slot is one offering start window with a free group (capacity.rules.ts); it hosts at most one
 * cohort per run. Edges are stored per
 * slot, sorted by the need's minimum cohort size for cost (what the cohort builder expects).
 */
export interface CandidateGraph {
  needs: NeedInput[];
  offerings: OfferingInput[];
  distances: DistanceTable;
  similarity: CompetenceSimilarity;
  needParticipants: Int32Array;
  needEmployer: Int32Array;
  needSme: Uint8Array;
  needMunicipality: Int32Array;
  slotCount: number;
  slotOffering: Int32Array;
  slotWindow: StartWindow[];
  slotMin: Int32Array;
  slotMax: Int32Array;
  /** Edges of slot s are positions slotStart[s] .. slotStart[s+1]-1. */
  slotStart: Int32Array;
  edgeNeed: Int32Array;
  edgeSlot: Int32Array;
  edgeValue: Float64Array;
  edgeMinSize: Int32Array;
  edgeFit: Float64Array;
  edgeSimilarity: Float64Array;
  /** Road km, or -1 when the offering is remote. */
  edgeDistance: Float64Array;
  /** Edges of need n are needEdges[needEdgeStart[n] .. needEdgeStart[n+1]-1]. */
  needEdgeStart: Int32Array;
  needEdges: Int32Array;
  committedCount: number;
}

/**
 * Start windows of one competence (remote, or at one venue municipality), sorted by first start
 * day: a need only scans the windows that start inside its own time window, so a bucket's cost
 * per need does not grow with the planning horizon (competence × geography × time).
 */
class SlotList {
  from: Int32Array = new Int32Array(0);
  /** Last day of the course when started at the end of the window (to + duration − 1). */
  end: Int32Array = new Int32Array(0);
  offering: Int32Array = new Int32Array(0);
  private pending: number[] = [];

  add(from: number, end: number, offering: number): void {
    this.pending.push(from, end, offering);
  }

  seal(): void {
    const n = this.pending.length / 3;
    const order = Array.from({ length: n }, (_, i) => i);
    const p = this.pending;
    order.sort((a, b) => p[3 * a] - p[3 * b] || p[3 * a + 2] - p[3 * b + 2]);
    this.from = Int32Array.from(order, (i) => p[3 * i]);
    this.end = Int32Array.from(order, (i) => p[3 * i + 1]);
    this.offering = Int32Array.from(order, (i) => p[3 * i + 2]);
    this.pending = [];
  }

  /** First position whose start day is ≥ `day`. */
  lowerBound(day: number): number {
    let lo = 0;
    let hi = this.from.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.from[mid] < day) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

interface OfferingBucket {
  remote: SlotList;
  /** Indexed by municipality index; sparse. */
  byMunicipality: Array<SlotList | undefined>;
  onsiteCount: number;
}

export function pairKey(needId: string, offeringId: string): string {
  return `${needId}\u0000${offeringId}`;
}

export function buildCandidateGraph(
  input: MatchingInput,
  params: MatchingParameters,
): CandidateGraph {
  const distances = DistanceTable.shared(input.municipalities, params.roadFactor);
  const similarity = new CompetenceSimilarity(input.competences);
  const committed = new Set(input.committedNeedIds ?? []);
  const rejected = new Set((input.rejectedPairs ?? []).map((r) => pairKey(r.needId, r.offeringId)));
  const capacity = new WindowCapacity(input);

  const needs = input.needs.filter((n) => !committed.has(n.id)).sort((a, b) => cmp(a.id, b.id));
  const offerings = [...input.offerings].sort((a, b) => cmp(a.id, b.id));

  // Slots: offering start windows, sorted and de-duplicated.
  const slotOfferingList: number[] = [];
  const slotWindow: StartWindow[] = [];
  const offeringSlotStart = new Int32Array(offerings.length + 1);
  const slotFrom: number[] = [];
  const slotTo: number[] = [];
  offerings.forEach((o, oi) => {
    offeringSlotStart[oi] = slotOfferingList.length;
    const windows = [...o.startWindows].sort((a, b) => cmp(a.from, b.from) || cmp(a.to, b.to));
    let last = '';
    for (const w of windows) {
      const key = `${w.from}|${w.to}`;
      // Capacity rule 3: a new cohort only into a free group of the window.
      if (key === last || capacity.freeGroups(o, w) === 0) continue;
      last = key;
      slotOfferingList.push(oi);
      slotWindow.push({ from: w.from, to: w.to });
      slotFrom.push(toDayNumber(w.from));
      slotTo.push(toDayNumber(w.to));
    }
  });
  offeringSlotStart[offerings.length] = slotOfferingList.length;
  const slotCount = slotOfferingList.length;

  // Offering index: competence → (remote list | venue municipality → offerings), ascending ids.
  const index = new Map<string, OfferingBucket>();
  const offeringVenue = new Int32Array(offerings.length);
  // Languages as small ids, compared case-insensitively (languageFits) without a string per pair.
  const languageIds = new Map<string, number>();
  const languageId = (language: string): number => {
    let id = languageIds.get(language);
    if (id === undefined) {
      const folded = language.toLowerCase();
      id = languageIds.get(folded);
      if (id === undefined) languageIds.set(folded, (id = languageIds.size));
      languageIds.set(language, id);
    }
    return id;
  };
  const offeringLanguage = Int32Array.from(offerings, (o) => languageId(o.language));
  const lists: SlotList[] = [];
  offerings.forEach((o, oi) => {
    offeringVenue[oi] = distances.indexOf(o.venueMunicipalityCode);
    for (const c of new Set(o.competenceIds)) {
      let bucket = index.get(c);
      if (!bucket) {
        bucket = {
          remote: new SlotList(),
          byMunicipality: new Array(distances.size),
          onsiteCount: 0,
        };
        lists.push(bucket.remote);
        index.set(c, bucket);
      }
      let list: SlotList | undefined;
      if (!requiresTravel(o.deliveryMode)) list = bucket.remote;
      else if (offeringVenue[oi] >= 0) {
        list = bucket.byMunicipality[offeringVenue[oi]];
        if (!list) {
          list = new SlotList();
          lists.push(list);
          bucket.byMunicipality[offeringVenue[oi]] = list;
        }
        bucket.onsiteCount++;
      }
      if (list)
        for (let s = offeringSlotStart[oi]; s < offeringSlotStart[oi + 1]; s++)
          list.add(slotFrom[s], slotTo[s] + Math.max(1, o.durationDays) - 1, oi);
    }
  });
  for (const list of lists) list.seal();

  const employerIndex = new Map<string, number>();
  [...new Set(needs.map((n) => n.employerId))].sort(cmp).forEach((e, i) => employerIndex.set(e, i));

  const needCount = needs.length;
  const needParticipants = new Int32Array(needCount);
  const needEmployer = new Int32Array(needCount);
  const needSme = new Uint8Array(needCount);
  const needMunicipality = new Int32Array(needCount);

  const initial = Math.max(16, needCount * 4);
  const eNeed = new GrowableArray(Int32Array, initial);
  const eSlot = new GrowableArray(Int32Array, initial);
  const eValue = new GrowableArray(Float64Array, initial);
  const eMinSize = new GrowableArray(Int32Array, initial);
  const eFit = new GrowableArray(Float64Array, initial);
  const eSim = new GrowableArray(Float64Array, initial);
  const eDist = new GrowableArray(Float64Array, initial);
  const needEdgeStart = new Int32Array(needCount + 1);

  const seen = new Int32Array(offerings.length).fill(-1);
  const candidates: number[] = [];
  const buckets: Array<Array<SlotList | undefined>> = [];
  const checkRejected = rejected.size > 0;
  for (let ni = 0; ni < needCount; ni++) {
    const need = needs[ni];
    needEdgeStart[ni] = eNeed.length;
    const p = need.participants.total;
    needParticipants[ni] = p;
    needEmployer[ni] = employerIndex.get(need.employerId)!;
    const sme = isSme(need.orgSize, params);
    needSme[ni] = sme ? 1 : 0;
    const muni = distances.indexOf(need.municipalityCode);
    needMunicipality[ni] = muni;
    if (!(p > 0)) continue;
    const acceptsRemote = need.deliveryModes.includes('remote');
    const acceptsTravel = need.deliveryModes.some((m) => requiresTravel(m));

    const needLanguage = languageId(need.language);
    const needFrom = toDayNumber(need.earliestStart);
    const needTo = toDayNumber(need.latestEnd);
    // Only start windows that fit the need's window in time (timeFits: needFrom ≤ from, to + duration − 1 ≤ needTo).
    candidates.length = 0;
    const addStarting = (list: SlotList) => {
      const from = list.from;
      const end = list.end;
      const offering = list.offering;
      for (let k = list.lowerBound(needFrom); k < from.length && from[k] <= needTo; k++) {
        const oi = offering[k];
        if (end[k] <= needTo && seen[oi] !== ni) {
          seen[oi] = ni;
          candidates.push(oi);
        }
      }
    };
    buckets.length = 0;
    for (const c of need.competenceIds) {
      for (const similar of similarity.similarTo(c, params.similarityThreshold)) {
        const bucket = index.get(similar.id);
        if (!bucket) continue;
        if (acceptsRemote) addStarting(bucket.remote);
        if (acceptsTravel && bucket.onsiteCount > 0) buckets.push(bucket.byMunicipality);
      }
    }
    if (buckets.length > 0) {
      distances.forEachWithin(muni, need.maxTravelKm, (j) => {
        for (let b = 0; b < buckets.length; b++) {
          const list = buckets[b][j];
          if (list) addStarting(list);
        }
      });
    }
    if (candidates.length === 0) continue;
    candidates.sort((a, b) => a - b);

    for (const oi of candidates) {
      const o = offerings[oi];
      if (!deliveryModeFits(need.deliveryModes, o.deliveryMode)) continue;
      if (offeringLanguage[oi] !== needLanguage) continue;
      if (p > o.maxParticipants || o.minParticipants > o.maxParticipants) continue;
      let distanceKm: number | null = null;
      if (requiresTravel(o.deliveryMode)) {
        distanceKm = distances.between(muni, offeringVenue[oi]);
        if (!distanceFits(distanceKm, need.maxTravelKm)) continue;
      }
      const sim = similarity.setSimilarity(need.competenceIds, o.competenceIds);
      if (sim < params.similarityThreshold) continue;
      const minSize = minCohortSizeForCost(o, need.maxCostPerParticipantSek);
      if (minSize > o.maxParticipants) continue;
      if (checkRejected && rejected.has(pairKey(need.id, o.id))) continue;
      const fit = fitScore(sim, proximityScore(distanceKm, need.maxTravelKm), params);
      const value = needValue(p, fit, sme, params);
      for (let s = offeringSlotStart[oi]; s < offeringSlotStart[oi + 1]; s++) {
        if (!timeFits(needFrom, needTo, slotFrom[s], slotTo[s], o.durationDays)) continue;
        eNeed.push(ni);
        eSlot.push(s);
        eValue.push(value);
        eMinSize.push(minSize);
        eFit.push(fit);
        eSim.push(sim);
        eDist.push(distanceKm ?? -1);
      }
    }
  }
  needEdgeStart[needCount] = eNeed.length;

  // Regroup the edges by slot (counting sort keeps need order), then order each slot by min size.
  const edgeCount = eNeed.length;
  const eNeedA = eNeed.data;
  const eSlotA = eSlot.data;
  const eMinSizeA = eMinSize.data;
  const slotStart = new Int32Array(slotCount + 1);
  for (let e = 0; e < edgeCount; e++) slotStart[eSlotA[e] + 1]++;
  for (let s = 0; s < slotCount; s++) slotStart[s + 1] += slotStart[s];
  // Stable counting sorts: by min size, then by slot. Edges were created in need order, so each
  // slot ends up ordered by (min size, need index) — what the cohort builder expects.
  let maxMinSize = 0;
  for (let e = 0; e < edgeCount; e++) if (eMinSizeA[e] > maxMinSize) maxMinSize = eMinSizeA[e];
  const bySize = new Int32Array(maxMinSize + 2);
  for (let e = 0; e < edgeCount; e++) bySize[eMinSizeA[e] + 1]++;
  for (let k = 0; k <= maxMinSize; k++) bySize[k + 1] += bySize[k];
  const sizeOrder = new Int32Array(edgeCount);
  for (let e = 0; e < edgeCount; e++) sizeOrder[bySize[eMinSizeA[e]]++] = e;
  const fill = slotStart.slice(0, slotCount);
  const order = new Int32Array(edgeCount);
  for (let i = 0; i < edgeCount; i++) {
    const e = sizeOrder[i];
    order[fill[eSlotA[e]]++] = e;
  }
  const position = new Int32Array(edgeCount);
  const edgeNeed = new Int32Array(edgeCount);
  const edgeSlot = new Int32Array(edgeCount);
  const edgeValue = new Float64Array(edgeCount);
  const edgeMinSize = new Int32Array(edgeCount);
  const edgeFit = new Float64Array(edgeCount);
  const edgeSimilarity = new Float64Array(edgeCount);
  const edgeDistance = new Float64Array(edgeCount);
  for (let i = 0; i < edgeCount; i++) {
    const e = order[i];
    position[e] = i;
    edgeNeed[i] = eNeedA[e];
    edgeSlot[i] = eSlotA[e];
    edgeValue[i] = eValue.data[e];
    edgeMinSize[i] = eMinSizeA[e];
    edgeFit[i] = eFit.data[e];
    edgeSimilarity[i] = eSim.data[e];
    edgeDistance[i] = eDist.data[e];
  }
  const needEdges = new Int32Array(edgeCount);
  for (let e = 0; e < edgeCount; e++) needEdges[e] = position[e];

  return {
    needs,
    offerings,
    distances,
    similarity,
    needParticipants,
    needEmployer,
    needSme,
    needMunicipality,
    slotCount,
    slotOffering: Int32Array.from(slotOfferingList),
    slotWindow,
    slotMin: Int32Array.from(slotOfferingList, (oi) => Math.max(1, offerings[oi].minParticipants)),
    slotMax: Int32Array.from(slotOfferingList, (oi) => offerings[oi].maxParticipants),
    slotStart,
    edgeNeed,
    edgeSlot,
    edgeValue,
    edgeMinSize,
    edgeFit,
    edgeSimilarity,
    edgeDistance,
    needEdgeStart,
    needEdges,
    committedCount: input.needs.length - needs.length,
  };
}

/** An append-only typed array that doubles when full (avoids millions of boxed numbers). */
class GrowableArray<T extends Int32Array | Float64Array> {
  data: T;
  length = 0;

  constructor(
    private readonly Kind: { new (n: number): T },
    capacity: number,
  ) {
    this.data = new Kind(capacity);
  }

  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = new this.Kind(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }
}
