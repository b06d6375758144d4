import { foldForSearch } from './text-folding';

describe('foldForSearch', () => {
  it('removes case, diacritics and punctuation', () => {
    expect(foldForSearch('Svetsning MIG/MAG')).toBe('svetsning mig mag');
    expect(foldForSearch('Hällefors')).toBe('hallefors');
    expect(foldForSearch('  Truckkort A+B ')).toBe('truckkort a+b');
    expect(foldForSearch('Undersköterska — delkurs')).toBe('underskoterska delkurs');
  });
});
