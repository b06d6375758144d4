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
    const similar = new Set<string>();
    for (const c of competenceIds)
      for (const s of this.g.similarity.similarTo(c, minSimilarity)) similar.add(s.id);
    const buckets = [...similar]
      .sort()
      .map((c) => this.index.get(c))
      .filter((b): b is Array<number[] | undefined> => !!b);
    if (buckets.length === 0) return [];
    const out: number[] = [];
    const seen = new Set<number>();
    this.g.distances.forEachWithin(venue, radiusKm, (j) => {
      if (out.length >= limit) return true;
      const here: number[] = [];
      for (const b of buckets)
        for (const n of b[j] ?? [])
          if (!seen.has(n)) {
            seen.add(n);
            here.push(n);
          }
      here.sort((a, b) => a - b);
      for (const n of here) if (out.length < limit) out.push(n);
    });
    return out;
  }
}
