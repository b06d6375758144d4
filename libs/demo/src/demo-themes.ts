/**
 * What small employers in the LC-KOMP region typically ask for (seeds/: truck licences, welding,
 * care, hygiene, safety), each with the titles a need and a course would carry.
 */
export interface DemoTheme {
  competenceId: string;
  needTitle: string;
  courseTitle: string;
  employerKind: string;
  sniSection: string;
  /** Relative frequency among the demo needs. */
  weight: number;
}

export const DEMO_THEMES: readonly DemoTheme[] = [
  {
    competenceId: 'truckkort-a-b',
    needTitle: 'Truckkort för lagerpersonal',
    courseTitle: 'Truckkort A+B',
    employerKind: 'Logistik',
    sniSection: 'H',
    weight: 5,
  },
  {
    competenceId: 'svetsning-mig-mag',
    needTitle: 'MIG/MAG-svetsning för produktionen',
    courseTitle: 'Svetsning MIG/MAG grund',
    employerKind: 'Mekaniska',
    sniSection: 'C',
    weight: 4,
  },
  {
    competenceId: 'heta-arbeten',
    needTitle: 'Heta arbeten-certifikat',
    courseTitle: 'Heta arbeten',
    employerKind: 'Bygg',
    sniSection: 'F',
    weight: 3,
  },
  {
    competenceId: 'hlr-hjartstartare',
    needTitle: 'HLR med hjärtstartare för personalen',
    courseTitle: 'HLR och hjärtstartare',
    employerKind: 'Service',
    sniSection: 'N',
    weight: 3,
  },
  {
    competenceId: 'livsmedelshygien',
    needTitle: 'Livsmedelshygien för köket',
    courseTitle: 'Livsmedelshygien',
    employerKind: 'Mat',
    sniSection: 'I',
    weight: 3,
  },
  {
    competenceId: 'underskoterska-delkurs',
    needTitle: 'Delkurs undersköterska',
    courseTitle: 'Vård- och omsorgsarbete, delkurs',
    employerKind: 'Omsorg',
    sniSection: 'Q',
    weight: 3,
  },
  {
    competenceId: 'excel-grundkurs',
    needTitle: 'Excel för kontoret',
    courseTitle: 'Excel grundkurs',
    employerKind: 'Redovisning',
    sniSection: 'M',
    weight: 2,
  },
  {
    competenceId: 'svenska-yrkesbruk',
    needTitle: 'Yrkessvenska för nyanställda',
    courseTitle: 'Svenska i yrkeslivet',
    employerKind: 'Städ',
    sniSection: 'N',
    weight: 2,
  },
  {
    competenceId: 'ledarskap-arbetsledare',
    needTitle: 'Ledarskap för arbetsledare',
    courseTitle: 'Arbetsledarutbildning',
    employerKind: 'Industri',
    sniSection: 'C',
    weight: 2,
  },
  {
    competenceId: 'cnc-svarvning',
    needTitle: 'CNC-svarvning',
    courseTitle: 'CNC-svarvning grund',
    employerKind: 'Verkstads',
    sniSection: 'C',
    weight: 2,
  },
  {
    competenceId: 'esa-instruerad',
    needTitle: 'ESA instruerad person',
    courseTitle: 'Elsäkerhet ESA',
    employerKind: 'Installations',
    sniSection: 'F',
    weight: 1,
  },
  {
    competenceId: 'lyft-travers',
    needTitle: 'Traversutbildning',
    courseTitle: 'Travers och lyftredskap',
    employerKind: 'Stål',
    sniSection: 'C',
    weight: 1,
  },
];
