/** Municipalities of Örebro län that the browser walks seed with demo employers and courses. */
export const OREBRO_LAN = ['1880', '1885', '1883', '1864', '1863', '1882', '1861', '1860'];

/** The charts of /uppfoljning, by the id of their canvas (`chart-<id>`) and table. */
export const DASHBOARD_CHARTS = [
  'funnel',
  'match-rate',
  'median-days',
  'unmet-competence',
  'unmet-municipality',
  'gender',
  'sme',
  'employers-per-initiative',
  'targets',
];
