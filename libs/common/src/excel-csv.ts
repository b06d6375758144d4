import { stringify } from 'csv-stringify/sync';

export type CsvCell = string | number | null;

/** A cell a spreadsheet would read as a formula (OWASP "CSV injection"); numbers aside. */
const FORMULA_START = /^[=+\-@\t\r]/;
const SWEDISH_NUMBER = /^-\d+(,\d+)?$/;

/**
 * Text from users (employer names, titles) must stay text in Excel: a cell that starts like a
 * formula gets a leading apostrophe, which Excel shows as nothing and reads as "this is text".
 */
export function excelText(cell: CsvCell): CsvCell {
  if (typeof cell !== 'string' || !FORMULA_START.test(cell) || SWEDISH_NUMBER.test(cell)) {
    return cell;
  }
  return `'${cell}`;
}

/** CSV that opens as-is in a Swedish Excel: UTF-8 with BOM, `;`-separated, CRLF line ends. */
export function toExcelCsv(rows: CsvCell[][]): string {
  return stringify(
    rows.map((row) => row.map(excelText)),
    { delimiter: ';', bom: true, record_delimiter: 'windows' },
  );
}

/** A number as Swedish Excel reads it: decimal comma, no thousands separator. */
export function excelNumber(value: number, decimals = 1): string {
  if (Number.isInteger(value)) return String(value);
  return value.toFixed(decimals).replace('.', ',');
}
