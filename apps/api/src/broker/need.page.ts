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
import { staffLayout, StaffViewer } from '../staff/staff.page';
import {
  BROKER_PATH,
  deliveryModesText,
  initiativePath,
  participantsText,
  proposalPath,
  summaryList,
} from './broker-page-parts';

/** One employer's need, with the contact a broker calls (viewing it is audited). */
export function renderNeed(viewer: StaffViewer, n: NeedDetail): string {
  const org = `${n.employer.orgNumber.slice(0, 6)}-${n.employer.orgNumber.slice(6)}`;
  const status = NEED_STATUS_SV[n.status as keyof typeof NEED_STATUS_SV]?.label ?? 'Okänd';
  const body = html`<p><a href="${BROKER_PATH}">Tillbaka till förslagen</a></p>
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
                    <a href="${proposalPath(p.id)}">${p.title}</a> –
                    ${PROPOSAL_STATUS_SV[p.status as keyof typeof PROPOSAL_STATUS_SV]?.label ?? 'Okänd'}
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
                    <a href="${initiativePath(i.id)}">${i.title}</a> –
                    ${INITIATIVE_STATUS_SV[i.status as keyof typeof INITIATIVE_STATUS_SV] ?? 'Okänd'}
                  </li>`,
              )}
            </ul>`
        : ''
    }`;
  return staffLayout({ title: n.title, current: BROKER_PATH }, viewer, body);
}
