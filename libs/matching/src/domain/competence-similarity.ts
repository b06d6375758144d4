import type { CompetenceNode } from './matching-input.types';
import { cmp } from './geo';

/**
 * Graded similarity of competence concepts from the taxonomy's broader/narrower links.
 *
 * Through the lowest common ancestor, each step up or down costs 0.2: same concept 1.0,
 * parent/child 0.8, siblings or grandparent 0.6, … Concepts of the same area that share no
 * ancestor (or are far apart) still get 0.2, so a broker sees "same area" as a weak relation;
 * different areas are 0. With the default threshold 0.6, siblings fit but cousins do not.
 * Unknown ids are only similar to themselves.
 */
export class CompetenceSimilarity {
  private readonly nodes = new Map<string, CompetenceNode>();
  private readonly ancestors = new Map<string, string[]>();
  private readonly byArea = new Map<string, string[]>();
  private readonly similarCache = new Map<string, Array<{ id: string; similarity: number }>>();
  /** Pairwise similarities of known concepts, filled lazily (NaN = not computed yet). */
  private readonly indexOfId = new Map<string, number>();
  private readonly matrix: Float64Array;

  constructor(competences: CompetenceNode[]) {
    for (const c of [...competences].sort((a, b) => cmp(a.id, b.id))) {
      this.nodes.set(c.id, c);
      const list = this.byArea.get(c.area) ?? [];
      list.push(c.id);
      this.byArea.set(c.area, list);
    }
    [...this.nodes.keys()].forEach((id, i) => this.indexOfId.set(id, i));
    const n = this.indexOfId.size;
    this.matrix = new Float64Array(n <= 4096 ? n * n : 0).fill(Number.NaN);
  }

  areaOf(id: string): string {
    return this.nodes.get(id)?.area ?? 'okänt';
  }

  labelOf(id: string): string {
    return this.nodes.get(id)?.label ?? id;
  }

  /** The concept itself first, then its broader concepts up to the root (cycles are cut). */
  ancestorsOf(id: string): string[] {
    const cached = this.ancestors.get(id);
    if (cached) return cached;
    const chain = [id];
    let current = this.nodes.get(id)?.broaderId ?? null;
    while (current && !chain.includes(current)) {
      chain.push(current);
      current = this.nodes.get(current)?.broaderId ?? null;
    }
    this.ancestors.set(id, chain);
    return chain;
  }

  similarity(a: string, b: string): number {
    if (a === b) return 1;
    const na = this.nodes.get(a);
    const nb = this.nodes.get(b);
    if (!na || !nb) return 0;
    const up = this.ancestorsOf(a);
    const down = this.ancestorsOf(b);
    let best = Number.POSITIVE_INFINITY;
    for (let i = 0; i < up.length; i++) {
      const j = down.indexOf(up[i]);
      if (j >= 0) {
        best = i + j;
        break;
      }
    }
    const graded = Number.isFinite(best) ? round2(1 - 0.2 * best) : 0;
    const sameArea = na.area === nb.area ? 0.2 : 0;
    return Math.max(graded, sameArea);
  }

  /** Best similarity over all pairs: a need is served by an offering teaching any requested concept. */
  setSimilarity(needIds: readonly string[], offeringIds: readonly string[]): number {
    let best = 0;
    for (const a of needIds)
      for (const b of offeringIds) best = Math.max(best, this.similarity(a, b));
    return best;
  }

  /** All concepts with similarity ≥ `threshold` to `id` (the index for candidate search). */
  similarTo(id: string, threshold: number): Array<{ id: string; similarity: number }> {
    const key = `${id}\u0000${threshold}`;
    const cached = this.similarCache.get(key);
    if (cached) return cached;
    const t = Math.max(threshold, 1e-9);
    const node = this.nodes.get(id);
    const pool = node ? (this.byArea.get(node.area) ?? []) : [id];
    const out: Array<{ id: string; similarity: number }> = [];
    for (const other of pool) {
      const s = this.similarity(id, other);
      if (s >= t) out.push({ id: other, similarity: s });
    }
    if (!node && t <= 1) out.splice(0, out.length, { id, similarity: 1 });
    this.similarCache.set(key, out);
    return out;
  }
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
