/** Swedish formatting for pages: dates, numbers, money. The labels of codes live in @km/labels. */
/** A date as Swedes write it in running text: 1 februari 2027. */
export function swedishDate(value: Date | string): string {
  const date = typeof value === 'string' ? new Date(`${value}T12:00:00Z`) : value;
  return new Intl.DateTimeFormat('sv-SE', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'Europe/Stockholm',
  }).format(date);
}

/** Whole numbers with a space between thousands, whatever the runtime's ICU data. */
export function swedishNumber(value: number): string {
  const rounded = Math.round(value);
  const digits = String(Math.abs(rounded)).replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');
  return `${rounded < 0 ? '−' : ''}${digits}`;
}

export function swedishSek(value: number): string {
  return `${swedishNumber(value)}\u00a0kr`;
}

/** "1 deltagare", "3 arbetsgivare": a count with its noun. */
export function countOf(n: number, one: string, many: string): string {
  return `${swedishNumber(n)} ${n === 1 ? one : many}`;
}

/** A moment as a Swedish office reads it: 1 december 2026 kl. 14.05. */
export function swedishDateTime(value: Date | string): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  const time = new Intl.DateTimeFormat('sv-SE', {
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Europe/Stockholm',
  }).format(date);
  return `${swedishDate(date)} kl. ${time.replace(':', '.')}`;
}

/** A month as "mars 2027" from YYYY-MM. */
export function swedishMonth(value: string): string {
  return new Intl.DateTimeFormat('sv-SE', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${value}-15T12:00:00Z`));
}
