import { excelText, toExcelCsv } from './excel-csv';

describe('Excel CSV', () => {
  it.each(['=HYPERLINK("http://evil.example")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1'])(
    'keeps %j as text (leading apostrophe)',
    (cell) => {
      expect(excelText(cell)).toBe(`'${cell}`);
    },
  );

  it('leaves numbers, negative Swedish numbers and ordinary text alone', () => {
    for (const cell of [12, -3, '-1,5', '-7', '<3', 'Åkeri AB', '', null, '2027-01-01']) {
      expect(excelText(cell)).toBe(cell);
    }
  });

  it('escapes formulas in whole tables, with BOM and ; as before', () => {
    const csv = toExcelCsv([
      ['Fält', 'Värde'],
      ['Arbetsgivare', '=cmd|"/c calc"!A1, Öst AB'],
    ]);
    expect(csv.startsWith('\ufeffFält;Värde\r\n')).toBe(true);
    expect(csv).toContain(`Arbetsgivare;"'=cmd|""/c calc""!A1, Öst AB"`);
  });
});
