/** Numbers as Swedish running text writes them: 12 345, 4 666,67 kr, 42 %. */
const INTEGER = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 0 });
const DECIMAL = new Intl.NumberFormat('sv-SE', {
  minimumFractionDigits: 0,
  maximumFractionDigits: 2,
});

/** Intl writes a narrow no-break space and a Unicode minus; plain text wants a space and "-". */
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ').replace(/\u2212/g, '-');

export const formatInteger = (n: number): string => plain(INTEGER.format(Math.round(n)));
export const formatKronor = (n: number): string => `${plain(DECIMAL.format(n))} kr`;
export const formatShare = (share: number): string => `${Math.round(share * 100)} %`;

/** "1 kommun", "3 kommuner". */
export function count(n: number, one: string, many: string): string {
  return `${formatInteger(n)} ${n === 1 ? one : many}`;
}

/** "Flen, Motala och Tierp". */
export function listSv(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} och ${items[items.length - 1]}`;
}
