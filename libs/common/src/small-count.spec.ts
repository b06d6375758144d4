import { protectSmallCount, SUPPRESSED } from './small-count';
import { excelNumber, toExcelCsv } from './excel-csv';

describe('protectSmallCount', () => {
  it('suppresses figures built from one or two employers', () => {
    expect(protectSmallCount(1, 40)).toBe(SUPPRESSED);
    expect(protectSmallCount(2, 0.5)).toBe(SUPPRESSED);
    expect(protectSmallCount(2, null)).toBe(SUPPRESSED);
  });

  it('shows figures of three or more employers, and figures of none (they say nothing)', () => {
    expect(protectSmallCount(3, 17)).toBe(17);
    expect(protectSmallCount(250, 0.25)).toBe(0.25);
    expect(protectSmallCount(0, 0)).toBe(0);
    expect(protectSmallCount(0, null)).toBeNull();
  });
});

describe('Excel CSV', () => {
  it('writes a BOM, semicolons and CRLF', () => {
    expect(
      toExcelCsv([
        ['Län', 'Värde'],
        ['Örebro län', 3],
      ]),
    ).toBe('\ufeffLän;Värde\r\nÖrebro län;3\r\n');
  });

  it('writes decimals with a comma', () => {
    expect(excelNumber(41.666)).toBe('41,7');
    expect(excelNumber(12)).toBe('12');
    expect(excelNumber(0.125, 3)).toBe('0,125');
  });
});
