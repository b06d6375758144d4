import { SUPPRESSED, SUPPRESSION_THRESHOLD } from './small-count';

/**
 * Statistical disclosure control for published tables (SCB's practice for tables of
 * enterprises, "Röjandekontroll av tabeller"): a cell built from 1 or 2 employers is never
 * shown (primary suppression); nothing else shown may let a reader compute it (secondary
 * suppression: totals minus shown rows, the difference of two overlapping periods, the
 * complement of a share, a mean times its count).
 *
 * Time is handled by blocks: the months (or weeks) of a figure, from the first one with data,
 * are cut into consecutive blocks so that each block was built from 0 or at least 3 employers
 * (a block closes at the end of a bucket where at least 3 employers contributed, or while
 * nothing has). A figure is published for a period only when the period starts and ends on
 * block boundaries, and a bucket of a time series only when it is a block of its own. Every
 * published number is then a sum of whole blocks, so any combination of published numbers,
 * from one answer or many, is too: no block of 1–2 employers can be isolated. Blocks depend
 * only on the data up to their end, so earlier blocks never change when new data arrives.
 */

/** Per bucket of one figure: how many distinct employers contributed to it. */
export type EmployerCounts = readonly number[];

/**
 * A figure's employers per bucket: their number and, where it is cheap to know (sparse
 * figures such as initiatives), who they are, so a block can close as soon as its union has 3.
 */
export interface BlockFigure {
  employers: EmployerCounts;
  members?: readonly (readonly string[])[];
}

const sensitive = (employers: number) => employers > 0 && employers < SUPPRESSION_THRESHOLD;

/**
 * Where the blocks of a table end (true after bucket i), for figures that must be cut
 * together (the cells of one table: shown together or not at all, so that the table's total
 * minus its shown cells never isolates one). A block closes when, for every figure, it is
 * still empty or one of its buckets had at least 3 employers — so its union has at least 3.
 */
export function blockEnds(figures: readonly BlockFigure[], buckets: number): boolean[] {
  const ends: boolean[] = [];
  const fresh = () => figures.map(() => ({ any: false, three: false, union: new Set<string>() }));
  let seen = fresh();
  for (let i = 0; i < buckets; i++) {
    figures.forEach((figure, f) => {
      const n = figure.employers[i] ?? 0;
      if (n > 0) seen[f].any = true;
      if (n >= SUPPRESSION_THRESHOLD) seen[f].three = true;
      for (const member of figure.members?.[i] ?? []) seen[f].union.add(member);
      if (seen[f].union.size >= SUPPRESSION_THRESHOLD) seen[f].three = true;
    });
    const closed = seen.every((s) => !s.any || s.three);
    ends.push(closed);
    if (closed) seen = fresh();
  }
  return ends;
}

/** True when buckets first..last (inclusive) are whole blocks. */
export function onBlockBoundaries(ends: readonly boolean[], first: number, last: number): boolean {
  return (first === 0 || ends[first - 1] === true) && ends[last] === true;
}

/**
 * Distinct employer counts are not sums of their buckets, so blocks alone do not protect them:
 * the difference between two periods' counts is the number of employers found in one and not
 * the other. Such a count is published only when it is 0 or ≥ 3 and, for every other period
 * on block boundaries that overlaps this one, 0 or ≥ 3 employers are in one period and not
 * the other. `presence` lists, per employer, the buckets it contributed to.
 */
export function distinctCountSafe(
  presence: readonly (readonly number[])[],
  ends: readonly boolean[],
  first: number,
  last: number,
): boolean {
  if (!onBlockBoundaries(ends, first, last)) return false;
  const inRange = (buckets: readonly number[], a: number, b: number) =>
    buckets.some((x) => x >= a && x <= b);
  const own = presence.map((p) => inRange(p, first, last));
  if (sensitive(own.filter(Boolean).length)) return false;
  const starts = [0, ...ends.flatMap((end, i) => (end && i + 1 < ends.length ? [i + 1] : []))];
  const stops = ends.flatMap((end, i) => (end ? [i] : []));
  for (const a of starts) {
    for (const b of stops) {
      if (b < a || b < first || a > last || (a === first && b === last)) continue;
      let differing = 0;
      for (let k = 0; k < presence.length && differing < SUPPRESSION_THRESHOLD; k++) {
        if (inRange(presence[k], a, b) !== own[k]) differing++;
      }
      if (sensitive(differing)) return false;
    }
  }
  return true;
}

/** A value, or "<3" when `shown` is false. */
export function shownOr<T extends number | null>(shown: boolean, value: T): T | typeof SUPPRESSED {
  return shown ? value : SUPPRESSED;
}

/**
 * Secondary suppression of one table row against its total: when some cells are suppressed,
 * the suppressed ones together must have at least 3 employers, else the smallest shown cell
 * that has 3 or more is suppressed too (and if there is none, the total). `employers` is a
 * lower bound per cell; a set of cells is safe when one of them alone has 3 or more.
 */
export function complementarySuppression(
  cells: readonly { value: number; employers: number; shown: boolean }[],
  totalShown: boolean,
): { cells: boolean[]; total: boolean } {
  const shown = cells.map((c) => c.shown);
  const hidden = cells.filter((c, i) => !shown[i] && c.employers > 0);
  if (!totalShown || hidden.length === 0) return { cells: shown, total: totalShown };
  if (hidden.some((c) => c.employers >= SUPPRESSION_THRESHOLD)) {
    return { cells: shown, total: totalShown };
  }
  let pick = -1;
  cells.forEach((c, i) => {
    if (!shown[i] || c.employers < SUPPRESSION_THRESHOLD) return;
    if (pick === -1 || c.value < cells[pick].value) pick = i;
  });
  if (pick === -1) return { cells: shown, total: false };
  shown[pick] = false;
  return { cells: shown, total: totalShown };
}
