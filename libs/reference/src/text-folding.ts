/**
 * Folds text for search: lower case, diacritics removed (å→a, é→e), punctuation as single spaces,
 * so "Svetsning MIG/MAG" and "svetsning mig mag" compare equal.
 */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9+]+/g, ' ')
    .trim();
}
