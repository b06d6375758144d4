/** What a regional target measures; libs/monitoring computes the actual value of each. */
export const REGION_TARGET_METRICS = [
  'employers_with_initiative',
  'employers_in_approved_esf_draft',
  'underrepresented_gender_share',
  'municipalities_with_initiative',
] as const;
export type RegionTargetMetric = (typeof REGION_TARGET_METRICS)[number];

/** A region's target for its project period, shown against the actual figure. */
export interface RegionTargetRecord {
  id: string;
  countyCode: string;
  metric: RegionTargetMetric;
  /** Swedish, as shown on the dashboard and in the export. */
  name: string;
  target: number;
  unit: 'count' | 'percent';
  periodStart: string | null;
  periodEnd: string | null;
  source: string;
}

/**
 * LC-KOMP style targets for Örebro län. LC-KOMP (Östra Mellansverige) set its targets as counts
 * of organisations, e.g. "8 organisationer är eller har under projektperioden ansökt om ESF
 * sammanhållna projekt"; the ESF calls add the gender rule (at least 40 % of either gender).
 */
export const REGION_TARGETS: readonly RegionTargetRecord[] = [
  {
    id: '18-employers-with-initiative',
    countyCode: '18',
    metric: 'employers_with_initiative',
    name: 'Arbetsgivare som deltar i minst en gemensam insats',
    target: 11,
    unit: 'count',
    periodStart: '2026-01-01',
    periodEnd: '2028-12-31',
    source: 'LC-KOMP: 11 organisationer med utvecklade relationer till arbetsplatser',
  },
  {
    id: '18-employers-in-approved-esf-draft',
    countyCode: '18',
    metric: 'employers_in_approved_esf_draft',
    name: 'Arbetsgivare i ett godkänt ESF-projektutkast',
    target: 8,
    unit: 'count',
    periodStart: '2026-01-01',
    periodEnd: '2028-12-31',
    source: 'LC-KOMP: 8 organisationer har ansökt om sammanhållna ESF-projekt',
  },
  {
    id: '18-underrepresented-gender-share',
    countyCode: '18',
    metric: 'underrepresented_gender_share',
    name: 'Andel deltagare av det underrepresenterade könet',
    target: 40,
    unit: 'percent',
    periodStart: '2026-01-01',
    periodEnd: '2028-12-31',
    source: 'ESF-utlysningarnas villkor: minst 40 % av vardera kön',
  },
  {
    id: '18-municipalities-with-initiative',
    countyCode: '18',
    metric: 'municipalities_with_initiative',
    name: 'Kommuner med minst en gemensam insats',
    target: 8,
    unit: 'count',
    periodStart: '2026-01-01',
    periodEnd: '2028-12-31',
    source: 'LC-KOMP: de 8 deltagande kommunerna i Örebro län',
  },
];
