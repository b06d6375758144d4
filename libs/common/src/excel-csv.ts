import { stringify } from 'csv-stringify/sync';

export type CsvCell = string | number | null;

/** CSV that opens as-is in a Swedish Excel: UTF-8 with BOM, `;`-separated, CRLF line ends. */
export function toExcelCsv(rows: CsvCell[][]): string {
  return stringify(rows, { delimiter: ';', bom: true, record_delimiter: 'windows' });
}

/** A number as Swedish Excel reads it: decimal comma, no thousands separator. */
export function excelNumber(value: number, decimals = 1): string {
  if (Number.isInteger(value)) return String(value);
  return value.toFixed(decimals).replace('.', ',');
}
