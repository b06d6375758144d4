import { NeedDetail } from '@km/initiatives';
import { html } from '../pages/html';
import {
  INITIATIVE_STATUS_SV,
  LANGUAGE_SV,
  NEED_STATUS_SV,
  SIZE_BAND_SV,
  PROPOSAL_STATUS_SV,
  labelSv,
} from '@km/labels';
import { swedishDate, swedishDateTime, swedishNumber, swedishSek } from '../pages/swedish-text';
import { START_PAGE } from '../staff/staff-session';
import { staffLayout, StaffViewer } from '../staff/staff.page';
import {
  BROKER_PATH,
  deliveryModesText,
  initiativePath,
  participantsText,
  proposalPath,
  summaryList,
} from './broker-page-parts';

/**
 * One employer's need, with the contact a broker calls (viewing it is audited). Regional staff
 * read it without contact details and without links to the broker's proposal and initiative
 * pages, which are not theirs.
 */
export function renderNeed(viewer: StaffViewer, n: NeedDetail): string {
  const org = `${n.employer.orgNumber.slice(0, 6)}-${n.employer.orgNumber.slice(6)}`;
  const status = labelSv(NEED_STATUS_SV, n.status, { label: 'Okänd' }).label;
  const readOnly = viewer.role === 'regional';
  const home = START_PAGE[viewer.role];
  const linked = (href: string, title: string) =>
    readOnly ? html`${title}` : html`<a href="${href}">${title}</a>`;
  const body = html`<p>
      <a href="${home}">${readOnly ? 'Tillbaka till uppföljningen' : 'Tillbaka till förslagen'}</a>
    </p>
    <h1>${n.title}</h1>
    <p class="lead">${n.employer.name}, ${n.municipality.name}</p>
    <h2>Behovet</h2>
    ${summaryList([
      ['Status', status],
      ['Kompetens', n.competences.join(', ')],
      ['Beskrivning', n.description ? html`<span class="pre-line">${n.description}</span>` : null],
      ['Deltagare', participantsText(n.participants)],
      ['Önskad tid', `${swedishDate(n.earliestStart)} – ${swedishDate(n.latestEnd)}`],
      ['Sätt att delta', deliveryModesText(n.deliveryModes)],
      ['Längsta resväg', `${swedishNumber(n.maxTravelKm)} km`],
      [
        'Högsta kostnad per deltagare',
        n.maxCostPerParticipantSek === null
          ? 'Inte angiven'
          : swedishSek(n.maxCostPerParticipantSek),
      ],
      ['Språk', labelSv(LANGUAGE_SV, n.language, 'Annat språk')],
      ['Anmält', swedishDateTime(n.createdAt)],
    ])}
    <h2>Arbetsgivaren</h2>
    ${summaryList([
      ['Namn', n.employer.name],
      ['Organisationsnummer', org],
      ['Kommun', n.municipality.name],
      ['Storlek', labelSv(SIZE_BAND_SV, n.employer.sizeBand, null)],
      [
        'Kontakt',
        n.contact
          ? html`${n.contact.name}<br /><a href="mailto:${n.contact.email}">${n.contact.email}</a
              >${n.contact.phone ? html`<br /><a href="tel:${n.contact.phone.replace(/[^+\d]/g, '')}">${n.contact.phone}</a>` : ''}`
          : readOnly
            ? 'Kontaktuppgifterna visas bara för kompetensmäklare'
            : 'Kontaktuppgifterna visas inte (de är raderade eller inte för din roll)',
      ],
    ])}
    ${
      n.proposals.length
        ? html`<h2>Förslag med behovet</h2>
            <ul>
              ${n.proposals.map(
                (p) =>
                  html`<li>
                    ${linked(proposalPath(p.id), p.title)} –
                    ${labelSv(PROPOSAL_STATUS_SV, p.status, { label: 'Okänd' }).label}
                  </li>`,
              )}
            </ul>`
        : ''
    }
    ${
      n.initiatives.length
        ? html`<h2>Insatser med behovet</h2>
            <ul>
              ${n.initiatives.map(
                (i) =>
                  html`<li>
                    ${linked(initiativePath(i.id), i.title)} –
                    ${labelSv(INITIATIVE_STATUS_SV, i.status, 'Okänd')}
                  </li>`,
              )}
            </ul>`
        : ''
    }`;
  return staffLayout({ title: n.title, current: readOnly ? home : BROKER_PATH }, viewer, body);
}
