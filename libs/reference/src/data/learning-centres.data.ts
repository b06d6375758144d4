/**
 * A learning-centre organisation (lärcentrum / kommunal vuxenutbildning) acting as broker for the
 * municipalities it serves. `kommunalforbund` organisations serve several member municipalities.
 */
export interface LearningCentreRecord {
  id: string;
  name: string;
  kind: 'municipal' | 'kommunalforbund';
  municipalityCodes: string[];
  seatMunicipalityCode: string;
}

/**
 * The LC-KOMP region (Östra Mellansverige): 17 organisations covering 22 municipalities, three of
 * them kommunalförbund.
 */
export const LEARNING_CENTRES: readonly LearningCentreRecord[] = [
  // Uppsala län
  {
    id: 'lc-osthammar',
    name: 'Lärcentrum Östhammar',
    kind: 'municipal',
    municipalityCodes: ['0382'],
    seatMunicipalityCode: '0382',
  },
  {
    id: 'lc-tierp',
    name: 'Lärcentrum Tierp',
    kind: 'municipal',
    municipalityCodes: ['0360'],
    seatMunicipalityCode: '0360',
  },
  // Örebro län
  {
    id: 'lc-lindesberg',
    name: 'Lärcentrum Lindesberg',
    kind: 'municipal',
    municipalityCodes: ['1885'],
    seatMunicipalityCode: '1885',
  },
  {
    id: 'lc-karlskoga',
    name: 'Lärcentrum Karlskoga',
    kind: 'municipal',
    municipalityCodes: ['1883'],
    seatMunicipalityCode: '1883',
  },
  {
    id: 'lc-ljusnarsberg',
    name: 'Lärcentrum Ljusnarsberg',
    kind: 'municipal',
    municipalityCodes: ['1864'],
    seatMunicipalityCode: '1864',
  },
  {
    id: 'lc-hallefors',
    name: 'Lärcentrum Hällefors',
    kind: 'municipal',
    municipalityCodes: ['1863'],
    seatMunicipalityCode: '1863',
  },
  {
    id: 'lc-orebro',
    name: 'Lärcentrum Örebro',
    kind: 'municipal',
    municipalityCodes: ['1880'],
    seatMunicipalityCode: '1880',
  },
  {
    id: 'sydnarkes-utbildningsforbund',
    name: 'Sydnärkes utbildningsförbund',
    kind: 'kommunalforbund',
    municipalityCodes: ['1882', '1861', '1860'],
    seatMunicipalityCode: '1861',
  },
  // Östergötlands län
  {
    id: 'lc-kinda',
    name: 'Lärcentrum Kinda',
    kind: 'municipal',
    municipalityCodes: ['0513'],
    seatMunicipalityCode: '0513',
  },
  {
    id: 'lc-motala',
    name: 'Lärcentrum Motala',
    kind: 'municipal',
    municipalityCodes: ['0583'],
    seatMunicipalityCode: '0583',
  },
  {
    id: 'lc-atvidaberg',
    name: 'Lärcentrum Åtvidaberg',
    kind: 'municipal',
    municipalityCodes: ['0561'],
    seatMunicipalityCode: '0561',
  },
  // Södermanlands län
  {
    id: 'lc-flen',
    name: 'Lärcentrum Flen',
    kind: 'municipal',
    municipalityCodes: ['0482'],
    seatMunicipalityCode: '0482',
  },
  {
    id: 'lc-nykoping',
    name: 'Lärcentrum Nyköping',
    kind: 'municipal',
    municipalityCodes: ['0480'],
    seatMunicipalityCode: '0480',
  },
  {
    id: 'lc-strangnas',
    name: 'Lärcentrum Strängnäs',
    kind: 'municipal',
    municipalityCodes: ['0486'],
    seatMunicipalityCode: '0486',
  },
  {
    id: 'viadidakt',
    name: 'Viadidakt',
    kind: 'kommunalforbund',
    municipalityCodes: ['0483', '0428'],
    seatMunicipalityCode: '0483',
  },
  // Västmanlands län
  {
    id: 'lc-sala',
    name: 'Lärcentrum Sala',
    kind: 'municipal',
    municipalityCodes: ['1981'],
    seatMunicipalityCode: '1981',
  },
  {
    id: 'nvu',
    name: 'Norra Västmanlands utbildningsförbund (NVU)',
    kind: 'kommunalforbund',
    municipalityCodes: ['1904', '1982', '1962'],
    seatMunicipalityCode: '1982',
  },
];

/** Whom an employer calls at a learning centre. */
export interface LearningCentreContactRecord {
  name: string;
  email: string;
  phone: string;
  url: string | null;
  /** Made-up details for the demo; pages and e-mails say so. */
  isDemo: boolean;
}

/**
 * Contact details of the LC-KOMP centres for the demo. They are deliberately fictional — the
 * reserved `.example` domain and PTS's telephone numbers set aside for fiction (08-465 004 00–99)
 * — and marked as demo, so nobody calls a real office about a test need. Real details replace a
 * centre's entry here before it goes live.
 */
export function learningCentreContact(centre: LearningCentreRecord): LearningCentreContactRecord {
  const index = LEARNING_CENTRES.findIndex((lc) => lc.id === centre.id);
  return {
    name: 'Kompetensmäklaren på lärcentrum',
    email: `kompetensmaklare@${centre.id}.example`,
    phone: `08-465 004 ${String(10 + Math.max(index, 0)).padStart(2, '0')}`,
    url: null,
    isDemo: true,
  };
}
