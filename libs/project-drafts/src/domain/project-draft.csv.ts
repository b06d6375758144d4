import { CsvCell, excelNumber, toExcelCsv } from '@km/common';
import {
  CRITERION_SV,
  draftTitle,
  ITEM_KIND_SV,
  ITEM_STATUS_SV,
  ProjectDraftView,
  statusText,
} from './project-draft.view';
import { AGE_BAND_SV, EDUCATION_LEVEL_SV } from './project-draft.types';

const yesNo = (b: boolean) => (b ? 'Ja' : 'Nej');
const num = (n: number | null) => (n === null ? '' : excelNumber(n, 2));
const percent = (share: number | null) => (share === null ? '' : excelNumber(share * 100, 1));
const day = (iso: string | null) => (iso ? iso.slice(0, 10) : '');

/**
 * The draft for Excel: UTF-8 with BOM, `;`, CRLF, decimal comma, Swedish labels and values only
 * (no ids or codes), one fact per row — Avsnitt; Fält; Värde. A draft is the broker's working
 * document: it names the employers and shows real counts (small-count protection is for public
 * statistics, not for the application the broker writes).
 */
export function projectDraftCsv(d: ProjectDraftView): string {
  const rows: CsvCell[][] = [
    ['Avsnitt', 'Fält', 'Värde'],
    ['Projekt', 'Namn', draftTitle(d)],
    ['Projekt', 'Län', d.countyName],
    ['Projekt', 'Tema', d.themeLabel],
    ['Projekt', 'Status', statusText(d)],
    ['Projekt', 'Godkänd', day(d.approvedAt)],
    ['Projekt', 'Uppgifterna beräknade', d.computedAt.slice(0, 16).replace('T', ' ')],
    ['Projekt', 'Uppfyller utlysningens villkor', yesNo(d.eligible)],
    ...d.criteria.map((c): CsvCell[] => [
      'Villkor',
      CRITERION_SV[c.name],
      c.met ? `Uppfyllt. ${c.text}` : `Inte uppfyllt. ${c.text} ${c.missing ?? ''}`.trim(),
    ]),
    ['Budget', 'Total budget (kr)', num(d.budget.totalSek)],
    ['Budget', 'ESF+-andel (kr)', num(d.budget.esfSek)],
    ['Budget', 'Nationell medfinansiering (kr)', num(d.budget.nationalSek)],
    ['Budget', 'Nationell medfinansiering (%)', percent(d.budget.nationalShare)],
    ['Budget', 'Kostnad per deltagare (kr)', num(d.budget.costPerParticipantSek)],
    ['Deltagare', 'Totalt', num(d.participants.total)],
    ['Deltagare', 'Kvinnor', num(d.participants.women)],
    ['Deltagare', 'Män', num(d.participants.men)],
    ['Deltagare', 'Kön ej angivet', num(d.participants.notStated)],
    ...d.ageBands.map((a): CsvCell[] => [
      'Deltagare efter ålder',
      a.band ? AGE_BAND_SV[a.band] : 'Ålder ej angiven',
      num(a.participants),
    ]),
    ...d.educationLevels.map((e): CsvCell[] => [
      'Deltagare efter utbildningsnivå',
      e.level ? EDUCATION_LEVEL_SV[e.level] : 'Utbildningsnivå ej angiven',
      num(e.participants),
    ]),
    ['Arbetsgivare', 'Antal arbetsgivare', num(d.employers.length)],
    ['Arbetsgivare', 'Varav små och medelstora företag', num(d.smeEmployers)],
    ['Arbetsgivare', 'Andel små och medelstora företag (%)', percent(d.smeShare)],
    ['Arbetsgivare', 'Kommuner', d.municipalities.map((m) => m.name).join(', ')],
    ...d.employers.map((e): CsvCell[] => [
      'Deltagande arbetsgivare',
      `${e.name} (${e.municipalityName})`,
      `${e.participants} deltagare`,
    ]),
    ['Horisontella kriterier', 'Jämställdhet', d.horizontalCriteria.jamstalldhet],
    ['Horisontella kriterier', 'Tillgänglighet', d.horizontalCriteria.tillganglighet],
  ];
  d.items.forEach((item, index) => {
    const section = `Insats ${index + 1}`;
    rows.push(
      [section, 'Titel', item.title],
      [section, 'Typ', ITEM_KIND_SV[item.kind]],
      [section, 'Status', ITEM_STATUS_SV[item.status] ?? 'Okänd'],
      [section, 'Ort', item.venueMunicipalityName],
      [section, 'Start', item.startDate ?? 'Inte bestämd'],
      [section, 'Arbetsgivare', item.employers.map((e) => e.name).join(', ')],
      [section, 'Deltagare totalt', num(item.participants.total)],
      [section, 'Kvinnor', num(item.participants.women)],
      [section, 'Män', num(item.participants.men)],
      [section, 'Kostnad per deltagare (kr)', num(item.costPerParticipantSek)],
      [section, 'Total kostnad (kr)', num(item.totalCostSek)],
    );
  });
  return toExcelCsv(rows);
}
