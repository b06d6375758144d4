import { SUPPRESSED } from '@km/common';
import { RegionTargetMetric } from '@km/reference';
import { MonitoringInterval, ResolvedPeriod } from './monitoring-period';

/** A figure, or "<3" when it was built from 1 or 2 employers (small-count protection). */
export type Protected<T extends number | null = number> = T | typeof SUPPRESSED;

/** What the caller asks for; the scope (county) is checked against the caller's role. */
export interface MonitoringQuery {
  countyCode?: string;
  from?: string;
  to?: string;
}

/**
 * A resolved, allowed selection: one county or (admin only) the whole country, and the period
 * rounded to whole buckets. Regional staff's figures are also protected against differences
 * between periods (audited).
 */
export interface MonitoringScope {
  countyCode: string | null;
  countyName: string;
  audience: 'regional' | 'admin';
  interval: MonitoringInterval;
  period: ResolvedPeriod;
}

export interface UnmetDemandRow {
  competenceId: string;
  competenceLabel: string;
  municipalityCode: string;
  municipalityName: string;
  participants: Protected;
}

export interface UnmetByCompetenceRow {
  competenceId: string;
  competenceLabel: string;
  participants: Protected;
}

export interface UnmetByMunicipalityRow {
  municipalityCode: string;
  municipalityName: string;
  participants: Protected;
}

export interface TargetView {
  id: string;
  countyCode: string;
  countyName: string;
  metric: RegionTargetMetric;
  name: string;
  unit: 'count' | 'percent';
  target: number;
  actual: Protected<number | null>;
  /**
   * What the actual was counted from, where a target has a choice: the gender share from
   * completed participants once an outcome is recorded, from approved participants until then.
   */
  basis: 'completed' | 'approved' | null;
  /** For the gender-share target: the gender the share counts (the smaller one); else null. */
  gender: 'women' | 'men' | null;
  /** The day the actual describes the start of (the end of the target period, or earlier). */
  asOf: string;
  periodStart: string | null;
  periodEnd: string | null;
}

export interface CrossBorderRow {
  venueCountyCode: string;
  venueCountyName: string;
  needsCountyCode: string;
  needsCountyName: string;
  /** Initiatives held in the venue county with needs from the needs county. */
  initiatives: Protected;
}

export interface MonitoringSummary {
  countyCode: string | null;
  countyName: string;
  /** First day of the period (whole buckets); null: from the first data. */
  from: string | null;
  /** Last day of the period. */
  to: string;
  /** The clock: the figures describe what had happened before this day began. */
  asOf: string;
  /** True when the asked-for dates were moved to whole months (or weeks). */
  periodAdjusted: boolean;
  /** Distinct employers with needs received in the period. */
  employers: Protected;
  needs: Protected;
  participantsRequested: Protected;
  /** Needs committed to an initiative approved in the period. */
  matchedNeeds: Protected;
  /** matchedNeeds / needs of the same period (a flow ratio: may pass 1). */
  matchRate: Protected<number | null>;
  /** Days from a need's arrival to the approval of its initiative, median over matchedNeeds. */
  medianDaysToMatch: Protected<number | null>;
  funnel: { received: Protected; matched: Protected };
  /** Joint initiatives (≥ 2 employers) approved in the period, in the county of their venue. */
  initiatives: Protected;
  /** Joint initiatives completed and cancelled in the period. */
  initiativeEvents: { completed: Protected; cancelled: Protected };
  /** Mean distinct employers per joint initiative. */
  employersPerInitiative: Protected<number | null>;
  /** Joint initiatives approved, by employers pooled (2, 3, 4, 5 or more). */
  employersPerInitiativeDistribution: {
    employers: number;
    orMore: boolean;
    initiatives: Protected;
  }[];
  /** Distinct employers in the joint initiatives. */
  pooledEmployers: Protected;
  /** Employers with fewer than 250 employees / employers with needs, 0..1. */
  smeShare: Protected<number | null>;
  employersBySize: { sme: Protected; large: Protected };
  participantsByGender: { women: Protected; men: Protected; notStated: Protected };
  crossBorder: CrossBorderRow[];
  /** The clock of the unmet-demand lists; null when they are not published for the period. */
  unmetDemandAsOf: string | null;
  unmetDemand: UnmetDemandRow[];
  unmetByCompetence: UnmetByCompetenceRow[];
  unmetByMunicipality: UnmetByMunicipalityRow[];
  /** Living ESF drafts started in the period (whatever they hold now). */
  projectDrafts: Protected;
  /** ESF draft versions (snapshots) approved in the period. */
  projectDraftsApproved: Protected;
  targets: TargetView[];
  smallCountThreshold: number;
}

export const TIMESERIES_METRICS = [
  'needs',
  'participantsRequested',
  'matchedNeeds',
  'matchRate',
  'medianDaysToMatch',
  'smeShare',
  'initiatives',
] as const;
export type TimeseriesMetric = (typeof TIMESERIES_METRICS)[number];

export interface TimeseriesPoint {
  /** First day of the week (Monday) or month. */
  start: string;
  value: Protected<number | null>;
}

export interface MonitoringTimeseries {
  metric: TimeseriesMetric;
  interval: MonitoringInterval;
  countyCode: string | null;
  countyName: string;
  from: string;
  to: string;
  asOf: string;
  points: TimeseriesPoint[];
}

/** The asked-for metrics (by default all) of every bucket. */
export interface TimeseriesTable {
  interval: MonitoringInterval;
  scope: { countyCode: string | null; countyName: string; from: string; to: string; asOf: string };
  buckets: ({ start: string } & Partial<Record<TimeseriesMetric, Protected<number | null>>>)[];
}
