import type { CandidateGraph } from './candidate-graph.builder';
import type { MatchingParameters } from './matching-parameters';
import { NeedLocator } from './need-locator';
import { fromDayNumber, toDayNumber } from './calendar';
import { formatInt } from './swedish-text';
import { requiresTravel } from './fit.rules';

/**
 * Groups needs that no cohort serves into unmet clusters: same or similar competence (similarity
 * to the cluster's seed ≥ threshold), able to reach the seed's municipality (or accepting remote
 * teaching), same language, and time windows overlapping by at least `minOverlapDays`.
 *
 * Seeds are taken largest need first (then by id), nearest candidates join first, and a cluster
 * stops at `maxParticipants` (the rest seeds another one). Viable clusters (≥ minParticipants) are
 * formed first so small leftovers never block them; the needs left over are then grouped the same
 * way only to report how far from viable they are.
 */
export interface FoundCluster {
  seed: number;
  competenceId: string;
  venue: number;
  members: number[];
  participants: number;
  from: number;
  to: number;
  viable: boolean;
  /** Free needs of similar competence nearby that could not join (reason: `nearbyReason`). */
  nearbyOthers: NearbyOther[];
}

/** Why a nearby free need could not join a cluster; the Swedish text is rendered on demand. */
export interface NearbyOther {
  needIndex: number;
  cause: 'distance' | 'language' | 'time' | 'capacity';
  /** The cluster's common window (day numbers) when the need was considered, for `time`. */
  lo: number;
  hi: number;
}

/** The reason in plain Swedish, e.g. "avstånd 90 km > max 40 km". */
export function nearbyReason(
  g: CandidateGraph,
  cluster: FoundCluster,
  o: NearbyOther,
  params: MatchingParameters,
): string {
  const other = g.needs[o.needIndex];
  switch (o.cause) {
    case 'distance': {
      const km = g.distances.between(g.needMunicipality[o.needIndex], cluster.venue);
      return `avstånd ${formatInt(km)} km > max ${formatInt(other.maxTravelKm)} km`;
    }
    case 'language':
      return `språk ${other.language} ≠ ${g.needs[cluster.seed].language}`;
    case 'time':
      return `tidsfönstret ${other.earliestStart}–${other.latestEnd} överlappar gruppens ${fromDayNumber(o.lo)}–${fromDayNumber(o.hi)} mindre än ${formatInt(params.cluster.minOverlapDays)} dagar`;
    default:
      return `gruppen är full (max ${formatInt(params.cluster.maxParticipants)} deltagare)`;
  }
}

export function findUnmetClusters(
  g: CandidateGraph,
  free: readonly number[],
  params: MatchingParameters,
): FoundCluster[] {
  const rules = params.cluster;
  const isFree = new Uint8Array(g.needs.length);
  for (const n of free) isFree[n] = 1;
  const locator = new NeedLocator(g, (n) => isFree[n] === 1);
  const from = new Int32Array(g.needs.length);
  const to = new Int32Array(g.needs.length);
  // Per free need: accepts remote (1), travels (2); language as a small id (case-insensitive).
  const modes = new Uint8Array(g.needs.length);
  const language = new Int32Array(g.needs.length);
  const languageIds = new Map<string, number>();
  for (const n of free) {
    const need = g.needs[n];
    from[n] = toDayNumber(need.earliestStart);
    to[n] = toDayNumber(need.latestEnd);
    modes[n] =
      (need.deliveryModes.includes('remote') ? 1 : 0) |
      (need.deliveryModes.some(requiresTravel) ? 2 : 0);
    const key = need.language.toLowerCase();
    let id = languageIds.get(key);
    if (id === undefined) languageIds.set(key, (id = languageIds.size));
    language[n] = id;
  }
  const seeds = [...free].sort((a, b) => g.needParticipants[b] - g.needParticipants[a] || a - b);
  const clustered = new Uint8Array(g.needs.length);
  const clusters: FoundCluster[] = [];

  // A seed with several competences grows one cluster per competence and keeps the largest
  // (then the one with more members, then the lower competence id): never the list's order.
  const grow = (seed: number): FoundCluster | null => {
    let best: FoundCluster | null = null;
    for (const competenceId of g.needs[seed].competenceIds) {
      const cluster = growFor(seed, competenceId);
      if (
        cluster &&
        (!best ||
          cluster.participants > best.participants ||
          (cluster.participants === best.participants &&
            (cluster.members.length > best.members.length ||
              (cluster.members.length === best.members.length &&
                cluster.competenceId < best.competenceId))))
      )
        best = cluster;
    }
    return best;
  };

  const growFor = (seed: number, competenceId: string): FoundCluster | null => {
    const venue = g.needMunicipality[seed];
    if (g.needParticipants[seed] <= 0) return null;
    let lo = from[seed];
    let hi = to[seed];
    const members = [seed];
    let participants = g.needParticipants[seed];
    const nearbyOthers: NearbyOther[] = [];
    const around = locator.around(
      [competenceId],
      params.similarityThreshold,
      venue,
      rules.maxRadiusKm,
      400,
    );
    const seedLanguage = language[seed];
    for (const n of around) {
      if (n === seed || clustered[n]) continue;
      const reachable =
        (modes[n] & 1) !== 0 ||
        ((modes[n] & 2) !== 0 &&
          g.distances.between(g.needMunicipality[n], venue) <= g.needs[n].maxTravelKm);
      const nlo = Math.max(lo, from[n]);
      const nhi = Math.min(hi, to[n]);
      let cause: NearbyOther['cause'] | null = null;
      if (!reachable) cause = 'distance';
      else if (language[n] !== seedLanguage) cause = 'language';
      else if (nhi - nlo + 1 < rules.minOverlapDays) cause = 'time';
      else if (participants + g.needParticipants[n] > rules.maxParticipants) cause = 'capacity';
      if (cause === null) {
        members.push(n);
        participants += g.needParticipants[n];
        lo = nlo;
        hi = nhi;
      } else nearbyOthers.push({ needIndex: n, cause, lo, hi });
    }
    members.sort((a, b) => a - b);
    return {
      seed,
      competenceId,
      venue,
      members,
      participants,
      from: lo,
      to: hi,
      viable: participants >= rules.minParticipants && participants > 0,
      nearbyOthers,
    };
  };

  for (const seed of seeds) {
    if (clustered[seed]) continue;
    const cluster = grow(seed);
    if (!cluster || !cluster.viable) continue;
    for (const n of cluster.members) clustered[n] = 1;
    clusters.push(cluster);
  }
  for (const seed of seeds) {
    if (clustered[seed]) continue;
    const cluster = grow(seed);
    if (!cluster) continue;
    for (const n of cluster.members) clustered[n] = 1;
    clusters.push(cluster);
  }
  return clusters;
}
