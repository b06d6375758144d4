import { html, layout } from './html';

/** Paths of the server-rendered Swedish pages: their errors are pages too, not problem+json. */
const PAGE_PATHS =
  /^\/(behov|uppfoljning|tillganglighet|personuppgifter|maklare|utbud|personal|logga-in|logga-ut)(\/|$)|^\/$/;
const DASHBOARD_PATHS = /^\/uppfoljning(\/|$)/;
const BROKER_PATHS = /^\/maklare(\/|$)/;
const PROVIDER_PATHS = /^\/utbud(\/|$)/;
const STAFF_PATHS = /^\/(personal|logga-in|logga-ut)(\/|$)/;

export function isPageRequest(path: string | undefined): boolean {
  return PAGE_PATHS.test(path ?? '');
}

const MESSAGES: Record<number, [title: string, text: string]> = {
  400: [
    'Det gick inte att läsa det som skickades',
    'Gå tillbaka till formuläret och skicka det igen.',
  ],
  401: ['Du behöver logga in', 'Sidan kräver inloggning.'],
  403: ['Du har inte behörighet', 'Ditt konto får inte se den här sidan.'],
  404: ['Sidan finns inte', 'Kontrollera att hela länken kom med när du kopierade den.'],
  405: ['Det går inte att göra så här', 'Använd knapparna och länkarna på sidan.'],
  409: ['Det gick inte att genomföra', 'Läget har ändrats sedan sidan visades. Ladda om den.'],
  413: ['Det du skickade var för stort', 'Korta texterna och skicka formuläret igen.'],
  415: [
    'Det du skickade har ett format vi inte tar emot',
    'Skicka formuläret från sidan för att anmäla ett behov.',
  ],
  429: ['För många försök', 'Vänta en minut och försök sedan igen.'],
  503: ['Tjänsten är tillfälligt otillgänglig', 'Försök igen om en stund.'],
};

/**
 * A Swedish error page for a status, with a way back (to the dashboard or to the needs form);
 * nothing from the request is shown.
 */
export function renderErrorPage(status: number, path = ''): string {
  const [title, text] =
    MESSAGES[status] ??
    (status >= 500
      ? ['Något gick fel hos oss', 'Försök igen om en stund.']
      : ['Det gick inte att visa sidan', 'Gå tillbaka och försök igen.']);
  const back = DASHBOARD_PATHS.test(path)
    ? html`<a href="/uppfoljning">Till uppföljningen</a>`
    : BROKER_PATHS.test(path)
      ? html`<a href="/maklare">Till förslagen</a>`
      : PROVIDER_PATHS.test(path)
        ? html`<a href="/utbud">Till utbudet</a>`
        : STAFF_PATHS.test(path)
          ? html`<a href="/logga-in">Till inloggningen</a>`
          : html`<a href="/behov/ny">Anmäl ett kompetensbehov</a>`;
  const body = html`<h1>${title}</h1>
    <p>${text}</p>
    <p>${back}</p>`;
  return layout({ title }, body);
}
