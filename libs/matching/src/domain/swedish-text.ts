import { DELIVERY_MODE_PHRASE_SV } from '@km/labels';

/** Number formatting for Swedish explanation texts, independent of the runtime's ICU data. */

export function formatInt(n: number): string {
  const rounded = Math.round(n);
  const sign = rounded < 0 ? '-' : '';
  const digits = String(Math.abs(rounded));
  return sign + digits.replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
}

export function formatDecimal(n: number, decimals = 2): string {
  const fixed = n.toFixed(decimals);
  const [whole, frac] = fixed.split('.');
  return frac ? `${formatInt(Number(whole))},${frac}` : formatInt(Number(whole));
}

export function formatSek(n: number): string {
  return `${formatInt(n)} kr`;
}

export function formatPercent(share: number): string {
  return `${Math.round(share * 100)} %`;
}

export function plural(n: number, one: string, many: string): string {
  return `${formatInt(n)} ${n === 1 ? one : many}`;
}

/** Delivery modes in running text, from the one module of Swedish labels. */
export const MODE_LABEL: Record<string, string> = DELIVERY_MODE_PHRASE_SV;
