import { SUPPRESSED } from '@km/common';
import { RegionTargetMetric } from '@km/reference';
import { MonitoringInterval } from './monitoring-period';

/** A figure, or "<3" when it was built from 1 or 2 employers (small-count protection). */
export type Protected<T extends number | null = number> = T | typeof SUPPRESSED;

/** What the caller asks for; the scope (county) is checked against the caller's role. */
export interface MonitoringQuery {
  countyCode?: string;
  from?: string;
  to?: string;
}

/** A resolved, allowed selection: one county or (admin only) the whole country. */
export interface MonitoringScope {
  countyCode: string | null;
  countyName: string;
  from: string | null;
  to: string | null;
}

export interface UnmetDemandRow {
  competenceId: string;
  competenceLabel: string;
  municipalityCode: string;
  municipalityName: string;
  employers: Protected;
  participants: Protected;
}

export interface UnmetByCompetenceRow {
  competenceId: string;
  competenceLabel: string;
  employers: Protected;
  participants: Protected;
}

export interface UnmetByMunicipalityRow {
  municipalityCode: string;
  municipalityName: string;
  employers: Protected;
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
  periodStart: string | null;
  periodEnd: string | null;
}

export interface MonitoringSummary {
  countyCode: string | null;
  countyName: string;
  from: string | null;
  to: string | null;
  employers: Protected;
  needs: Protected;
  participantsRequested: Protected;
  matchedNeeds: Protected;
  /** Matched needs / needs received, 0..1. */
  matchRate: Protected<number | null>;
  /** Days from a need's arrival to the approval of its initiative, median over matched needs. */
  medianDaysToMatch: Protected<number | null>;
  funnel: { received: Protected; proposed: Protected; matched: Protected };
  initiatives: Protected;
  initiativesByStatus: Record<'planned' | 'running' | 'completed' | 'cancelled', Protected>;
  employersPerInitiative: Protected<number | null>;
  employersPerInitiativeDistribution: { employers: number; initiatives: Protected }[];
  pooledEmployers: Protected;
  /** Employers with fewer than 250 employees / all employers with needs, 0..1. */
  smeShare: Protected<number | null>;
  participantsByGender: { women: Protected; men: Protected; notStated: Protected };
  unmetDemand: UnmetDemandRow[];
  unmetByCompetence: UnmetByCompetenceRow[];
  unmetByMunicipality: UnmetByMunicipalityRow[];
  projectDrafts: Protected;
  projectDraftsByStatus: { draft: Protected; approved: Protected };
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
  points: TimeseriesPoint[];
}

/** The asked-for metrics (by default all) of every bucket. */
export interface TimeseriesTable {
  interval: MonitoringInterval;
  scope: MonitoringScope & { from: string; to: string };
  buckets: ({ start: string } & Partial<Record<TimeseriesMetric, Protected<number | null>>>)[];
}
