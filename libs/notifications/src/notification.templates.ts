/** Swedish e-mail templates. Pure functions: data in, subject and plain-text body out. */

import { INITIATIVE_STATUS_NEWS_SV, INITIATIVE_STATUS_PHRASE_SV, labelSv } from '@km/labels';

/** Replaced at send time with the tracking link, so the stored body never holds a token. */
export const TRACKING_URL_PLACEHOLDER = '{{trackingUrl}}';

/** Replaced at send time with PUBLIC_BASE_URL, for links to the service's public pages. */
export const PUBLIC_BASE_URL_PLACEHOLDER = '{{publicBaseUrl}}';

export type NotificationTemplate =
  | 'employer.need-received'
  | 'employer.proposal-approved'
  | 'provider.proposal-approved'
  | 'employer.initiative-status'
  | 'provider.initiative-status'
  | 'broker.initiative-attention'
  | 'provider.initiative-attention'
  | 'employer.initiative-changed'
  | 'employer.need-expired';

export interface RenderedMessage {
  subject: string;
  body: string;
}

export interface InitiativeFacts {
  title: string;
  status: string;
  startDate: string | null;
  venueName: string;
  learningCentreName: string | null;
  participants: number;
  employers: number;
  kind: string;
  /** Why a broker cancelled it, when it is cancelled. */
  cancelReason?: string | null;
  /** The last course day (start + the offering's duration), when both are known. */
  endDate?: string | null;
  venueAddress?: string | null;
  /** The employers still in it (for the provider, who plans the course with them). */
  employerNames?: string[] | null;
  /** The broker who approved it, for the provider's questions. */
  broker?: { email: string; learningCentreName: string | null; phone: string | null } | null;
}

/** Initiative statuses inside a sentence ("Utbildningsinsatsen är nu inställd"), from @km/labels. */
export const STATUS_LABELS: Record<string, string> = INITIATIVE_STATUS_PHRASE_SV;

const SIGNATURE =
  '\n\nVänliga hälsningar\nKompetensmäklaren\n\nDetta är ett automatiskt meddelande och går inte att svara på.' +
  `\nSå behandlar vi personuppgifter: ${PUBLIC_BASE_URL_PLACEHOLDER}/personuppgifter` +
  `\nTillgänglighet: ${PUBLIC_BASE_URL_PLACEHOLDER}/tillganglighet`;

/** The learning centre serving the employer's municipality, as the e-mail names it. */
export interface LearningCentreContactFacts {
  name: string;
  contactName: string | null;
  email: string | null;
  phone: string | null;
  url: string | null;
  isDemo: boolean;
}

/** "Lärcentrum Örebro, tel. 08-465 004 16, e-post …" lines, marked when the details are made up. */
export function learningCentreLines(lc: LearningCentreContactFacts): string[] {
  return [
    lc.name,
    ...(lc.contactName ? [`Kontakt: ${lc.contactName}`] : []),
    ...(lc.phone ? [`Telefon: ${lc.phone}`] : []),
    ...(lc.email ? [`E-post: ${lc.email}`] : []),
    ...(lc.url ? [`Webb: ${lc.url}`] : []),
    ...(lc.isDemo ? ['(Demouppgifter: kontaktuppgifterna är påhittade för demonstrationen.)'] : []),
  ];
}

/** The confirmation to the contact person, sent when the need is received. */
export function employerNeedReceived(args: {
  contactName: string;
  needTitle: string;
  reference: string;
  learningCentre: LearningCentreContactFacts | null;
}): RenderedMessage {
  const centre = args.learningCentre
    ? `Lärcentrum som arbetar med er kommun:\n${learningCentreLines(args.learningCentre).join('\n')}`
    : 'Ingen lärcentrumorganisation i tjänsten arbetar ännu med er kommun. Vi matchar ändå behovet ' +
      'mot utbildningar i närheten.';
  return {
    subject: `Vi har tagit emot ert kompetensbehov ${args.reference}`,
    body:
      `Hej ${args.contactName},\n\n` +
      `tack! Vi har tagit emot ert kompetensbehov "${args.needTitle}".\n` +
      `Ärendenummer: ${args.reference}\n\n` +
      `Följ, ändra eller återkalla behovet här:\n${TRACKING_URL_PLACEHOLDER}\n` +
      'Spara länken. Den som har länken kan se och ändra behovet, så dela den bara inom er organisation.\n\n' +
      'Vad händer nu?\n' +
      '1. Inom några minuter jämförs behovet med utbildningar och med andra arbetsgivares behov i ' +
      'regionen. På länken ser ni resultatet, och om behovet inte passar något ännu ser ni varför.\n' +
      '2. När flera behov passar ihop blir de ett förslag till en gemensam utbildning. En ' +
      'kompetensmäklare på lärcentrum granskar förslaget.\n' +
      '3. När förslaget är godkänt får ni ett nytt e-postmeddelande, och lärcentrum kontaktar er ' +
      'för att planera utbildningen.\n\n' +
      `${centre}\n\n` +
      `Ange ärendenumret ${args.reference} när ni kontaktar lärcentrum.` +
      SIGNATURE,
  };
}

function startText(startDate: string | null): string {
  return startDate ? `Planerad start: ${startDate}` : 'Planerad start: meddelas senare';
}

function initiativeLines(i: InitiativeFacts): string {
  return [
    `Utbildningsinsats: ${i.title}`,
    startText(i.startDate),
    `Ort: ${i.venueName}`,
    ...(i.learningCentreName ? [`Anordnare: ${i.learningCentreName}`] : []),
  ].join('\n');
}

export function employerProposalApproved(args: {
  contactName: string;
  needTitle: string;
  initiative: InitiativeFacts;
}): RenderedMessage {
  return {
    subject: `Ert kompetensbehov ingår nu i en utbildningsinsats: ${args.initiative.title}`,
    body:
      `Hej ${args.contactName},\n\n` +
      `ert behov "${args.needTitle}" har samordnats med andra arbetsgivares behov och ingår nu i en ` +
      `gemensam utbildningsinsats.\n\n${initiativeLines(args.initiative)}\n\n` +
      `Följ ert behov och insatsen här:\n${TRACKING_URL_PLACEHOLDER}` +
      SIGNATURE,
  };
}

/** What the provider needs to plan the course: dates, place, employers and whom to ask. */
function providerLines(i: InitiativeFacts): string {
  const dates = i.startDate
    ? `Datum: ${i.startDate}${i.endDate && i.endDate !== i.startDate ? ` – ${i.endDate}` : ''}`
    : 'Datum: meddelas senare';
  const broker = i.broker
    ? [
        'Kompetensmäklare:',
        `${i.broker.learningCentreName ?? 'Kompetensmäklaren'}, e-post: ${i.broker.email}` +
          (i.broker.phone ? `, telefon: ${i.broker.phone}` : ''),
      ]
    : [];
  return [
    `Utbildning: ${i.title}`,
    dates,
    `Ort: ${i.venueName}${i.venueAddress ? `, ${i.venueAddress}` : ''}`,
    `Deltagare: ${i.participants}`,
    `Arbetsgivare (${i.employers}): ${(i.employerNames ?? []).join(', ') || 'inga kvar'}`,
    ...broker,
  ].join('\n');
}

export function providerProposalApproved(args: { initiative: InitiativeFacts }): RenderedMessage {
  const i = args.initiative;
  const intro =
    i.kind === 'new_initiative'
      ? 'ett förslag om en ny utbildning hos er har godkänts. Ert lärcentrum har åtagit sig att ' +
        'ta fram ett utbildningsutbud för gruppen.'
      : 'ett förslag som bygger på ert utbildningsutbud har godkänts och blivit en gemensam utbildningsinsats.';
  return {
    subject: `Godkänd utbildningsinsats: ${i.title}`,
    body:
      `Hej,\n\n${intro}\n\n${providerLines(i)}\n\n` +
      'Arbetsgivarnas kontaktpersoner finns under Utbud när du loggar in i Kompetensmäklaren.' +
      SIGNATURE,
  };
}

export function employerInitiativeStatus(args: {
  contactName: string;
  needTitle: string;
  initiative: InitiativeFacts;
}): RenderedMessage {
  const i = args.initiative;
  const label = labelSv(STATUS_LABELS, i.status, 'ändrad');
  const extra =
    i.status === 'cancelled'
      ? 'Insatsen har ställts in.' +
        (i.cancelReason ? ` Skäl: ${i.cancelReason}` : '') +
        ' Ert behov är åter öppet och matchas på nytt mot andra utbildningar.'
      : i.status === 'running'
        ? 'Utbildningen har startat.'
        : i.status === 'completed'
          ? 'Utbildningen är genomförd. Tack för att ni deltog!'
          : '';
  return {
    subject: `Utbildningsinsatsen ${i.title} ${labelSv(INITIATIVE_STATUS_NEWS_SV, i.status, 'har ändrats')}`,
    body:
      `Hej ${args.contactName},\n\n` +
      `utbildningsinsatsen som ert behov "${args.needTitle}" ingår i har fått status: ${label}.\n` +
      (extra ? `${extra}\n` : '') +
      `\n${initiativeLines(i)}\n\nFölj ert behov här:\n${TRACKING_URL_PLACEHOLDER}` +
      SIGNATURE,
  };
}

export function providerInitiativeStatus(args: { initiative: InitiativeFacts }): RenderedMessage {
  const i = args.initiative;
  const label = labelSv(STATUS_LABELS, i.status, 'ändrad');
  return {
    subject: `Utbildningsinsatsen ${i.title} ${labelSv(INITIATIVE_STATUS_NEWS_SV, i.status, 'har ändrats')}`,
    body:
      `Hej,\n\nutbildningsinsatsen har fått status: ${label}.\n` +
      (i.status === 'cancelled' && i.cancelReason ? `Skäl: ${i.cancelReason}\n` : '') +
      `\n${providerLines(i)}` +
      SIGNATURE,
  };
}

/** To the brokers (and the providing centre) of an initiative that needs looking at again. */
export function staffInitiativeAttention(args: {
  initiative: InitiativeFacts;
  change: string;
}): RenderedMessage {
  const i = args.initiative;
  return {
    subject: `Utbildningsinsatsen ${i.title} behöver ses över`,
    body:
      `Hej,\n\nnågot har ändrats som påverkar en planerad utbildningsinsats:\n\n${args.change}\n\n` +
      `${initiativeLines(i)}\nDeltagare: ${i.participants}\nArbetsgivare: ${i.employers}\n\n` +
      'Logga in i Kompetensmäklaren för att se insatsen och besluta hur ni går vidare.' +
      SIGNATURE,
  };
}

/** To an employer whose course changed under it (the offering withdrawn or moved). */
export function employerInitiativeChanged(args: {
  contactName: string;
  needTitle: string;
  initiative: InitiativeFacts;
  change: string;
}): RenderedMessage {
  return {
    subject: `Ändring i utbildningsinsatsen ${args.initiative.title}`,
    body:
      `Hej ${args.contactName},\n\nutbildningsinsatsen som ert behov "${args.needTitle}" ingår i ` +
      `har ändrats:\n\n${args.change}\n\nKompetensmäklaren ser över insatsen och hör av sig ` +
      `om vad det betyder för er.\n\n${initiativeLines(args.initiative)}\n\n` +
      `Följ ert behov här:\n${TRACKING_URL_PLACEHOLDER}` +
      SIGNATURE,
  };
}

/** To an employer whose need expired unmatched, with the way to send it in again. */
export function employerNeedExpired(args: {
  contactName: string;
  needTitle: string;
  latestEnd: string;
}): RenderedMessage {
  return {
    subject: `Ert kompetensbehov har gått ut: ${args.needTitle}`,
    body:
      `Hej ${args.contactName},\n\nvi hittade ingen utbildning för ert behov "${args.needTitle}" ` +
      `som hinner bli klar senast ${args.latestEnd}, så behovet har gått ut.\n\n` +
      'Om behovet finns kvar kan ni skicka in det igen med nya datum. Öppna ert behov här, ' +
      `där finns en länk för att skicka in det igen:\n${TRACKING_URL_PLACEHOLDER}` +
      SIGNATURE,
  };
}

/**
 * The stored body with the tracking link filled in (or a hint when none is available) and the
 * links to the public pages pointing at this deployment.
 */
export function withTrackingUrl(body: string, url: string | null, publicBaseUrl = ''): string {
  return body
    .split(TRACKING_URL_PLACEHOLDER)
    .join(url ?? '(använd länken i bekräftelsen ni fick när ni skickade in behovet)')
    .split(PUBLIC_BASE_URL_PLACEHOLDER)
    .join(publicBaseUrl);
}
