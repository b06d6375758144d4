import type { MunicipalityGeo } from './matching-input.types';

const EARTH_RADIUS_KM = 6371.0088;

/** Great-circle (haversine) distance between two WGS84 points in km. */
export function greatCircleKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const a =
    Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
}

let lastShared: { key: string; table: DistanceTable } | null = null;

/**
 * Road distances between municipal seats, estimated as great-circle × road factor and rounded to
 * whole km (so that rules and explanations agree on the number a broker sees).
 * Municipalities are indexed by their sorted code; the table is |M|² (290² ≈ 84k entries).
 */
export class DistanceTable {
  readonly codes: string[];
  readonly countyOf: string[];
  readonly names: string[];
  private readonly indexByCode = new Map<string, number>();
  private readonly km: Float64Array;
  /** For each municipality, all municipalities ordered by distance (itself first). */
  private readonly byDistance: Int32Array[];

  /**
   * The table for these municipalities and road factor, reused while they stay the same: every
   * run of a matcher process reads the same 290 seats, and building the table (≈ 42k distances
   * and 290 sorts) cost more than the matching itself for a small county. The table is never
   * changed after construction, so sharing it keeps runs deterministic.
   */
  static shared(municipalities: MunicipalityGeo[], roadFactor: number): DistanceTable {
    const key = `${roadFactor};${municipalities
      .map((m) => `${m.code},${m.countyCode},${m.name ?? ''},${m.lat},${m.lon}`)
      .join(';')}`;
    if (lastShared?.key !== key) {
      lastShared = { key, table: new DistanceTable(municipalities, roadFactor) };
    }
    return lastShared.table;
  }

  constructor(municipalities: MunicipalityGeo[], roadFactor: number) {
    const sorted = [...municipalities].sort((a, b) => cmp(a.code, b.code));
    const n = sorted.length;
    this.codes = sorted.map((m) => m.code);
    this.countyOf = sorted.map((m) => m.countyCode);
    this.names = sorted.map((m) => m.name ?? m.code);
    sorted.forEach((m, i) => this.indexByCode.set(m.code, i));
    this.km = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const d = Math.round(
          greatCircleKm(sorted[i].lat, sorted[i].lon, sorted[j].lat, sorted[j].lon) * roadFactor,
        );
        this.km[i * n + j] = d;
        this.km[j * n + i] = d;
      }
    }
    this.byDistance = [];
    for (let i = 0; i < n; i++) {
      const order = Array.from({ length: n }, (_, j) => j);
      order.sort((a, b) => this.km[i * n + a] - this.km[i * n + b] || a - b);
      this.byDistance.push(Int32Array.from(order));
    }
  }

  get size(): number {
    return this.codes.length;
  }

  /** Index of a municipality code, or -1 when unknown (unknown places are out of reach on site). */
  indexOf(code: string): number {
    return this.indexByCode.get(code) ?? -1;
  }

  between(i: number, j: number): number {
    if (i < 0 || j < 0) return Number.POSITIVE_INFINITY;
    return this.km[i * this.codes.length + j];
  }

  betweenCodes(a: string, b: string): number {
    return this.between(this.indexOf(a), this.indexOf(b));
  }

  /** Calls `visit` for each municipality within `maxKm` of `from`, nearest first; `visit` returning true stops. */
  forEachWithin(
    from: number,
    maxKm: number,
    visit: (j: number, km: number) => boolean | void,
  ): void {
    if (from < 0) return;
    const order = this.byDistance[from];
    const n = this.codes.length;
    for (let k = 0; k < order.length; k++) {
      const j = order[k];
      const d = this.km[from * n + j];
      if (d > maxKm || visit(j, d) === true) break;
    }
  }

  nameOf(code: string): string {
    const i = this.indexOf(code);
    return i < 0 ? code : this.names[i];
  }
}

export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
