import type { CandidateGraph } from './candidate-graph.builder';

/**
 * Needs indexed by competence and municipality, to find the needs "around" a venue — near misses,
 * nearby demand, cluster members — without scanning every need.
 */
export class NeedLocator {
  /** competence → municipality index → needs (sparse arrays). */
  private readonly index = new Map<string, Array<number[] | undefined>>();

  constructor(
    private readonly g: CandidateGraph,
    include: (needIndex: number) => boolean = () => true,
  ) {
    g.needs.forEach((need, n) => {
      if (!include(n)) return;
      for (const c of new Set(need.competenceIds)) {
        let byMunicipality = this.index.get(c);
        if (!byMunicipality) {
          byMunicipality = new Array(g.distances.size);
          this.index.set(c, byMunicipality);
        }
        const muni = g.needMunicipality[n];
        if (muni < 0) continue;
        const list = byMunicipality[muni] ?? [];
        list.push(n);
        byMunicipality[muni] = list;
      }
    });
  }

  /**
   * Needs with a competence similar (≥ `minSimilarity`) to one of `competenceIds`, in
   * municipalities within `radiusKm` of `venue`, nearest first, then by need index; at most `limit`.
   */
  around(
    competenceIds: readonly string[],
    minSimilarity: number,
    venue: number,
    radiusKm: number,
    limit: number,
  ): number[] {
    const buckets = this.bucketsFor(competenceIds, minSimilarity);
    if (buckets.length === 0) return [];
    const out: number[] = [];
    const here = this.scratch;
    this.g.distances.forEachWithin(venue, radiusKm, (j) => {
      if (out.length >= limit) return true;
      // Each list is ascending by need index; a need sits in one municipality but may be in
      // several competence lists, so merge the lists found here and drop duplicates.
      let single: number[] | undefined;
      let lists = 0;
      for (let b = 0; b < buckets.length; b++) {
        const list = buckets[b][j];
        if (list) {
          lists++;
          single = list;
        }
      }
      if (lists === 0) return;
      if (lists === 1) {
        for (let k = 0; k < single!.length && out.length < limit; k++) out.push(single![k]);
        return;
      }
      here.length = 0;
      for (let b = 0; b < buckets.length; b++) {
        const list = buckets[b][j];
        if (list) for (let k = 0; k < list.length; k++) here.push(list[k]);
      }
      here.sort((a, b) => a - b);
      for (let k = 0; k < here.length && out.length < limit; k++)
        if (k === 0 || here[k] !== here[k - 1]) out.push(here[k]);
    });
    return out;
  }

  private readonly scratch: number[] = [];
  private readonly bucketCache = new Map<string, Array<Array<number[] | undefined>>>();

  /** Per-municipality need lists of the competences similar to `competenceIds` (sorted ids). */
  private bucketsFor(
    competenceIds: readonly string[],
    minSimilarity: number,
  ): Array<Array<number[] | undefined>> {
    const key = `${minSimilarity}\u0000${competenceIds.join('\u0000')}`;
    const cached = this.bucketCache.get(key);
    if (cached) return cached;
    const similar = new Set<string>();
    for (const c of competenceIds)
      for (const s of this.g.similarity.similarTo(c, minSimilarity)) similar.add(s.id);
    const buckets = [...similar]
      .sort()
      .map((c) => this.index.get(c))
      .filter((b): b is Array<number[] | undefined> => !!b);
    this.bucketCache.set(key, buckets);
    return buckets;
  }
}
