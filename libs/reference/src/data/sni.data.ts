import { SIZE_BAND_SV } from '@km/labels';

/** An SNI 2007 section (avdelning), the top level of the Swedish standard industrial classification. */
export interface SniSectionRecord {
  code: string;
  label: string;
}

/** SNI 2007 sections A–U with their Swedish labels (SCB). */
export const SNI_SECTIONS: readonly SniSectionRecord[] = [
  { code: 'A', label: 'Jordbruk, skogsbruk och fiske' },
  { code: 'B', label: 'Utvinning av mineral' },
  { code: 'C', label: 'Tillverkning' },
  { code: 'D', label: 'Försörjning av el, gas, värme och kyla' },
  { code: 'E', label: 'Vattenförsörjning; avloppsrening, avfallshantering och sanering' },
  { code: 'F', label: 'Byggverksamhet' },
  { code: 'G', label: 'Handel; reparation av motorfordon och motorcyklar' },
  { code: 'H', label: 'Transport och magasinering' },
  { code: 'I', label: 'Hotell- och restaurangverksamhet' },
  { code: 'J', label: 'Informations- och kommunikationsverksamhet' },
  { code: 'K', label: 'Finans- och försäkringsverksamhet' },
  { code: 'L', label: 'Fastighetsverksamhet' },
  { code: 'M', label: 'Verksamhet inom juridik, ekonomi, vetenskap och teknik' },
  { code: 'N', label: 'Uthyrning, fastighetsservice, resetjänster och andra stödtjänster' },
  { code: 'O', label: 'Offentlig förvaltning och försvar; obligatorisk socialförsäkring' },
  { code: 'P', label: 'Utbildning' },
  { code: 'Q', label: 'Vård och omsorg; sociala tjänster' },
  { code: 'R', label: 'Kultur, nöje och fritid' },
  { code: 'S', label: 'Annan serviceverksamhet' },
  {
    code: 'T',
    label:
      'Förvärvsarbete i hushåll; hushållens produktion av diverse varor och tjänster för eget bruk',
  },
  { code: 'U', label: 'Verksamhet vid internationella organisationer, utländska ambassader o.d.' },
];

/** An employer size band by number of employees; `max` null means open-ended. */
export interface SizeBandRecord {
  code: string;
  label: string;
  min: number;
  max: number | null;
}

/** Size bands 1–9, 10–49, 50–249 and 250+ (SME = fewer than 250 employees). */
export const SIZE_BANDS: readonly SizeBandRecord[] = [
  { code: '1-9', label: SIZE_BAND_SV['1-9'], min: 1, max: 9 },
  { code: '10-49', label: SIZE_BAND_SV['10-49'], min: 10, max: 49 },
  { code: '50-249', label: SIZE_BAND_SV['50-249'], min: 50, max: 249 },
  { code: '250+', label: SIZE_BAND_SV['250+'], min: 250, max: null },
];
