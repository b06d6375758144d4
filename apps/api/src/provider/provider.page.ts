import { DemandRow, EmployerContact, InitiativeView, OfferingUse } from '@km/initiatives';
import { OfferingView } from '@km/offerings';
import { ProposalView } from '@km/proposals';
import { initiativeStatusTag, proposalStatusTag, summaryList } from '../broker/broker-page-parts';
import { listSv } from '../broker/proposal-explanation';
import { html, SafeHtml } from '../pages/html';
import {
  countOf,
  DELIVERY_MODE_SV,
  LANGUAGE_SV,
  swedishDate,
  swedishSek,
} from '../pages/swedish-text';
import { staffLayout, StaffViewer } from '../staff/staff.page';
import { DEMAND_PATH, offeringPath, PROVIDER_PATH } from './provider-paths';

/** Names of municipalities and competences for the pages' sentences. */
export interface ProviderNames {
  municipality: (code: string) => string;
  competence: (id: string) => string;
}

/** What a PRG redirect says it did (`?klart=`). */
export type ProviderDone = 'created' | 'changed' | 'withdrawn';

const DONE_TEXT: Record<ProviderDone, string> = {
  created: 'Utbudet är publicerat. Matchningen tar med det inom några sekunder.',
  changed: 'Ändringarna är sparade. Matchningen räknar om förslagen på utbudet.',
  withdrawn: 'Utbudet är tillbakadraget.',
};

function doneNotice(done?: ProviderDone): SafeHtml | '' {
  return done
    ? html`<div class="notice" role="status">
        <p>${DONE_TEXT[done]}</p>
      </div>`
    : '';
}

/** The next start window that has not ended, as "1 februari 2027 – 15 mars 2027". */
function nextStart(o: OfferingView, today: string): string {
  const next = o.startWindows.find((w) => w.to >= today);
  return next ? `${swedishDate(next.from)} – ${swedishDate(next.to)}` : 'Ingen kommande start';
}

/** "januari–mars 2027", or across years "november 2026–februari 2027". */
export function monthSpan(from: string, to: string): string {
  const month = (day: string) =>
    new Intl.DateTimeFormat('sv-SE', { month: 'long', timeZone: 'UTC' }).format(
      new Date(`${day.slice(0, 7)}-15T12:00:00Z`),
    );
  const [fromYear, toYear] = [from.slice(0, 4), to.slice(0, 4)];
  if (from.slice(0, 7) === to.slice(0, 7)) return `${month(from)} ${fromYear}`;
  return fromYear === toYear
    ? `${month(from)}–${month(to)} ${toYear}`
    : `${month(from)} ${fromYear}–${month(to)} ${toYear}`;
}

/** "14 deltagare från 5 arbetsgivare vill ha Heta arbeten i Lindesberg mars–maj 2027". */
export function demandSentence(row: DemandRow): string {
  return (
    `${countOf(row.participants, 'deltagare', 'deltagare')} från ` +
    `${countOf(row.employers, 'arbetsgivare', 'arbetsgivare')} vill ha ${row.competenceLabel} ` +
    `i ${row.municipalityName} ${monthSpan(row.from, row.to)}`
  );
}

export interface OfferingListModel {
  viewer: StaffViewer;
  items: OfferingView[];
  use: Map<string, OfferingUse>;
  names: ProviderNames;
  today: string;
  done?: ProviderDone;
}

/** GET /utbud: the centre's published offerings with their next start and how they are used. */
export function renderOfferingList(model: OfferingListModel): string {
  const body = html`${doneNotice(model.done)}
    <h1>Utbud</h1>
    <p class="lead">
      Utbildningar som ditt lärcentrum erbjuder. Matchningen föreslår grupper av arbetsgivare till
      dem.
    </p>
    <p>
      <a href="${PROVIDER_PATH}/nytt" class="button">Lägg till utbud</a>
      <a href="${DEMAND_PATH}">Efterfrågan utan utbildning</a>
    </p>
    <h2>Publicerade utbud (${model.items.length})</h2>
    ${
      model.items.length === 0
        ? html`<p class="no-data">Ditt lärcentrum har inget publicerat utbud ännu.</p>`
        : html`<table class="data-table">
            <caption class="visually-hidden">
              Publicerade utbud
            </caption>
            <thead>
              <tr>
                <th scope="col">Utbildning</th>
                <th scope="col">Ort</th>
                <th scope="col">Nästa start</th>
                <th scope="col">Förslag att granska</th>
                <th scope="col">Insatser</th>
              </tr>
            </thead>
            <tbody>
              ${model.items.map((o) => {
                const use = model.use.get(o.id);
                return html`<tr>
                  <th scope="row"><a href="${offeringPath(o.id)}">${o.title}</a></th>
                  <td data-label="Ort">${model.names.municipality(o.venueMunicipalityCode)}</td>
                  <td data-label="Nästa start">${nextStart(o, model.today)}</td>
                  <td class="num" data-label="Förslag att granska">${use?.openProposals ?? 0}</td>
                  <td class="num" data-label="Insatser">${use?.liveInitiatives ?? 0}</td>
                </tr>`;
              })}
            </tbody>
          </table>`
    }`;
  return staffLayout({ title: 'Utbud', wide: true, current: PROVIDER_PATH }, model.viewer, body);
}

export interface OfferingPageModel {
  viewer: StaffViewer;
  offering: OfferingView;
  names: ProviderNames;
  proposals: ProposalView[];
  initiatives: InitiativeView[];
  contacts: Map<string, EmployerContact[]>;
  done?: ProviderDone;
}

function proposalRows(proposals: ProposalView[]): SafeHtml {
  if (proposals.length === 0) {
    return html`<p class="no-data">Inga förslag bygger på utbudet just nu.</p>`;
  }
  return html`<ul class="link-list">
    ${proposals.map(
      (p) =>
        html`<li>
          ${proposalStatusTag(p.status)} ${countOf(p.participants.total, 'deltagare', 'deltagare')}
          från
          ${listSv(p.needs.map((n) => n.employerName))}${
            p.startDate ? html`, start ${swedishDate(p.startDate)}` : ''
          }.
          <span class="hint"
            >Mäklaren granskar förslaget. Kontaktuppgifter visas när det är godkänt.</span
          >
        </li>`,
    )}
  </ul>`;
}

function initiativeSection(i: InitiativeView, contacts: EmployerContact[]): SafeHtml {
  return html`<section class="card">
    <h3>${i.title} ${initiativeStatusTag(i.status)}</h3>
    ${summaryList([
      ['Start', i.startDate ? swedishDate(i.startDate) : 'Inte bestämt'],
      ['Deltagare', countOf(i.participants.total, 'deltagare', 'deltagare')],
      ['Arbetsgivare', listSv(i.needs.filter((n) => !n.withdrawn).map((n) => n.employerName))],
    ])}
    ${
      contacts.length
        ? html`<table class="data-table">
            <caption>
              Kontaktpersoner hos arbetsgivarna
            </caption>
            <thead>
              <tr>
                <th scope="col">Arbetsgivare</th>
                <th scope="col">Kontaktperson</th>
                <th scope="col">E-post</th>
                <th scope="col">Telefon</th>
              </tr>
            </thead>
            <tbody>
              ${contacts.map(
                (c) =>
                  html`<tr>
                    <th scope="row">${c.employerName}</th>
                    <td data-label="Kontaktperson">${c.name}</td>
                    <td data-label="E-post"><a href="mailto:${c.email}">${c.email}</a></td>
                    <td data-label="Telefon">${c.phone ?? 'Inte angivet'}</td>
                  </tr>`,
              )}
            </tbody>
          </table>`
        : ''
    }
  </section>`;
}

/** GET /utbud/{id}: the offering, and where it is used (read-only). */
export function renderOfferingPage(model: OfferingPageModel): string {
  const o = model.offering;
  const contact = o.contact
    ? [o.contact.name, o.contact.email, o.contact.phone].filter(Boolean).join(', ')
    : null;
  const body = html`${doneNotice(model.done)}
    <p><a href="${PROVIDER_PATH}">Alla utbud</a></p>
    <h1>${o.title}</h1>
    ${summaryList([
      ['Kompetenser', listSv(o.competenceIds.map(model.names.competence))],
      ['Beskrivning', o.description ? html`<span class="pre-line">${o.description}</span>` : null],
      ['Förkunskaper', o.prerequisites],
      ['Certifikat', o.certificate ? 'Ja, utbildningen ger ett certifikat eller intyg' : 'Nej'],
      ['Genomförande', DELIVERY_MODE_SV[o.deliveryMode]],
      [
        'Plats',
        [model.names.municipality(o.venueMunicipalityCode), o.venueAddress]
          .filter(Boolean)
          .join(', '),
      ],
      ['Gruppstorlek', `${o.minParticipants}–${o.maxParticipants} deltagare`],
      ['Längd', countOf(o.durationDays, 'dag', 'dagar')],
      [
        'Kostnad',
        `${swedishSek(o.costFixedSek)} per grupp och ${swedishSek(o.costPerParticipantSek)} per deltagare`,
      ],
      [
        'Startperioder',
        html`<ul>
          ${o.startWindows.map(
            (w) =>
              html`<li>
                ${swedishDate(w.from)} – ${swedishDate(w.to)},
                ${countOf(w.groups ?? 1, 'grupp', 'grupper')}
              </li>`,
          )}
        </ul>`,
      ],
      ['Språk', LANGUAGE_SV[o.language] ?? o.language],
      ['Kontaktperson', contact],
      ['Webbsida', o.url ? html`<a href="${o.url}" rel="noopener noreferrer">${o.url}</a>` : null],
    ])}
    <p>
      <a href="${offeringPath(o.id)}/andra" class="button">Ändra utbudet</a>
      <a href="${offeringPath(o.id)}/ta-bort">Dra tillbaka utbudet</a>
    </p>
    <h2>Förslag som bygger på utbudet</h2>
    ${proposalRows(model.proposals)}
    <h2>Insatser</h2>
    ${
      model.initiatives.length === 0
        ? html`<p class="no-data">Inga godkända insatser på utbudet ännu.</p>`
        : model.initiatives.map((i) => initiativeSection(i, model.contacts.get(i.id) ?? []))
    }`;
  return staffLayout({ title: o.title, current: PROVIDER_PATH }, model.viewer, body);
}

/** The link that opens the offering form pre-filled from a demand row. */
export function demandFormHref(row: DemandRow, today: string): string {
  const query = new URLSearchParams({
    kompetens: row.competenceId,
    kommun: row.municipalityCode,
    fran: row.from < today ? today : row.from,
    till: row.to < today ? today : row.to,
    deltagare: String(row.participants),
  });
  return `${PROVIDER_PATH}/nytt?${query.toString()}`;
}

/** GET /utbud/efterfragan: demand in the centre's municipalities that no course meets. */
export function renderDemand(viewer: StaffViewer, rows: DemandRow[], today: string): string {
  const body = html`<p><a href="${PROVIDER_PATH}">Alla utbud</a></p>
    <h1>Efterfrågan utan utbildning</h1>
    <p class="lead">
      Behov från arbetsgivare i ditt lärcentrums kommuner som ingen utbildning möter i dag. Skapa
      ett utbud, så kan nästa matchning samla dem till en grupp.
    </p>
    ${
      rows.length === 0
        ? html`<p class="no-data">Just nu finns ingen efterfrågan utan utbildning.</p>`
        : html`<ul class="link-list">
            ${rows.map(
              (row, i) =>
                html`<li>
                  <p id="efterfragan-${i}">${demandSentence(row)}.</p>
                  <a href="${demandFormHref(row, today)}" aria-describedby="efterfragan-${i}"
                    >Skapa ett utbud för detta</a
                  >
                </li>`,
            )}
          </ul>`
    }`;
  return staffLayout({ title: 'Efterfrågan utan utbildning', current: DEMAND_PATH }, viewer, body);
}
