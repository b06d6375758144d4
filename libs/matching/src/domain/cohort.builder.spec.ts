import fc from 'fast-check';
import { CohortBuilder } from './cohort.builder';

/** Exhaustive reference: best subset value with size in [max(min, max k of members), max]. */
function bruteForce(
  p: number[],
  v: number[],
  k: number[],
  min: number,
  max: number,
): number | null {
  let best: number | null = null;
  for (let mask = 1; mask < 1 << p.length; mask++) {
    let size = 0;
    let value = 0;
    let need = min;
    for (let i = 0; i < p.length; i++)
      if (mask & (1 << i)) {
        size += p[i];
        value += v[i];
        need = Math.max(need, k[i]);
      }
    if (size >= need && size <= max && (best === null || value > best)) best = value;
  }
  return best;
}

describe('CohortBuilder', () => {
  it('finds the best cohort exactly (random pools against brute force)', () => {
    const builder = new CohortBuilder();
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            p: fc.integer({ min: 1, max: 6 }),
            v: fc.double({ min: -2, max: 10, noNaN: true }),
            k: fc.integer({ min: 0, max: 14 }),
          }),
          {
            minLength: 1,
            maxLength: 10,
          },
        ),
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 0, max: 8 }),
        (raw, min, extra) => {
          const items = [...raw].sort((a, b) => a.k - b.k);
          const max = min + extra;
          const built = builder.best(
            {
              count: items.length,
              participants: Int32Array.from(items.map((i) => i.p)),
              value: Float64Array.from(items.map((i) => i.v)),
              minSize: Int32Array.from(items.map((i) => i.k)),
            },
            min,
            max,
          );
          const expected = bruteForce(
            items.map((i) => i.p),
            items.map((i) => i.v),
            items.map((i) => i.k),
            min,
            max,
          );
          if (expected === null) return built === null;
          if (!built) return false;
          const size = built.chosen.reduce((s, i) => s + items[i].p, 0);
          const value = built.chosen.reduce((s, i) => s + items[i].v, 0);
          const need = Math.max(min, ...built.chosen.map((i) => items[i].k));
          return (
            size === built.size && size >= need && size <= max && Math.abs(value - expected) < 1e-6
          );
        },
      ),
      { numRuns: 2000, seed: 42 },
    );
  });
});
