import { NeedInitiativeView, NeedTrackingView } from '@km/needs';
import { html, layout } from './html';
import {
  DELIVERY_MODE_SV,
  INITIATIVE_STATUS_SV,
  LANGUAGE_SV,
  STATUS_SV,
  swedishDate,
} from './swedish-text';

export interface NeedStatusModel {
  need: NeedTrackingView;
  trackingUrl: string;
  /** Withdraw URL (same origin, relative). */
  withdrawPath: string;
  notice?: 'created' | 'withdrawn' | 'not-withdrawable';
}

const WITHDRAWABLE = new Set(['received', 'proposed', 'matched', 'unmet']);

/** The receipt and status page (GET /behov/{token}). */
export function renderNeedStatus(model: NeedStatusModel): string {
  const { need } = model;
  const status = STATUS_SV[need.status];
  const notice =
    model.notice === 'created'
      ? html`<div class="notice notice--success" role="status">
          <h2>Tack! Behovet är mottaget</h2>
          <p>
            Spara länken nedan: med den följer ni behovet och kan återkalla det. Vi skickar den
            också till kontaktpersonen när behovet blir en del av en utbildningsinsats.
          </p>
        </div>`
      : model.notice === 'withdrawn'
        ? html`<div class="notice notice--success" role="status">
            <h2>Behovet är återkallat</h2>
            <p>Kontaktuppgifterna är raderade.</p>
          </div>`
        : model.notice === 'not-withdrawable'
          ? html`<div class="notice notice--warning" role="alert">
              <h2>Behovet kan inte återkallas</h2>
              <p>Ett behov med status ”${status.label}” kan inte längre återkallas.</p>
            </div>`
          : html``;

  const body = html`${notice}
    <h1>${need.title}</h1>
    <p class="status-line">
      Status: <strong class="status status--${need.status}">${status.label}</strong>
    </p>
    <p>${status.explanation}</p>
    ${need.initiative ? renderInitiative(need.initiative) : html``}

    <h2>Länk till behovet</h2>
    <p class="hint" id="tracking-link-hint">
      Den som har länken kan se och återkalla behovet. Dela den bara inom organisationen.
    </p>
    <p class="tracking-link">
      <a href="${model.trackingUrl}" aria-describedby="tracking-link-hint">${model.trackingUrl}</a>
    </p>

    <h2>Sammanfattning</h2>
    <dl class="summary-list">
      <div>
        <dt>Arbetsgivare</dt>
        <dd>${need.employerName}, ${need.municipalityName}</dd>
      </div>
      <div>
        <dt>Mottaget</dt>
        <dd>${swedishDate(need.createdAt)}</dd>
      </div>
      <div>
        <dt>Kompetenser</dt>
        <dd>
          <ul>
            ${need.competences.map((c) => html`<li>${c.label}</li>`)}
          </ul>
        </dd>
      </div>
      <div>
        <dt>Deltagare</dt>
        <dd>
          ${need.participants.total} (varav ${need.participants.women} kvinnor och
          ${need.participants.men} män)
        </dd>
      </div>
      <div>
        <dt>Tidsperiod</dt>
        <dd>${swedishDate(need.earliestStart)} – ${swedishDate(need.latestEnd)}</dd>
      </div>
      <div>
        <dt>Genomförande</dt>
        <dd>${need.deliveryModes.map((m) => DELIVERY_MODE_SV[m] ?? m).join(', ')}</dd>
      </div>
      <div>
        <dt>Längsta resa</dt>
        <dd>${need.maxTravelKm} km</dd>
      </div>
      <div>
        <dt>Högsta kostnad per deltagare</dt>
        <dd>
          ${need.maxCostPerParticipantSek === null ? 'Inte angiven' : `${need.maxCostPerParticipantSek.toLocaleString('sv-SE')} kr`}
        </dd>
      </div>
      <div>
        <dt>Språk</dt>
        <dd>${LANGUAGE_SV[need.language] ?? need.language}</dd>
      </div>
      ${
        need.description
          ? html`<div>
              <dt>Beskrivning</dt>
              <dd class="pre-line">${need.description}</dd>
            </div>`
          : ''
      }
    </dl>

    ${
      WITHDRAWABLE.has(need.status)
        ? html`<h2>Återkalla behovet</h2>
            <p>
              Om behovet inte längre finns kan ni återkalla det. Kontaktuppgifterna raderas då;
              antalet deltagare sparas utan personuppgifter för statistik.
            </p>
            <p>
              <a class="button button--secondary" href="${model.withdrawPath}">Återkalla behovet</a>
            </p>`
        : ''
    }`;
  return layout({ title: `${need.title} – status` }, body);
}

/** Confirmation step before withdrawing (GET /behov/{token}/aterkalla); works without JS. */
export function renderWithdrawConfirm(
  need: NeedTrackingView,
  statusPath: string,
  action: string,
): string {
  const body = html`<h1>Vill ni återkalla behovet?</h1>
    <p>
      ”${need.title}” tas bort från matchningen och kontaktuppgifterna raderas. Det går inte att
      ångra.
    </p>
    <form method="post" action="${action}">
      <button type="submit" class="button button--warning">Ja, återkalla behovet</button>
      <a class="button-link" href="${statusPath}">Nej, gå tillbaka</a>
    </form>`;
  return layout({ title: 'Återkalla behovet' }, body);
}

/** Swedish 404 for an unknown tracking link. */
export function renderNotFound(): string {
  const body = html`<h1>Sidan finns inte</h1>
    <p>
      Vi hittar inget behov för den här länken. Kontrollera att hela länken kom med när du kopierade
      den.
    </p>
    <p><a href="/behov/ny">Anmäl ett nytt kompetensbehov</a></p>`;
  return layout({ title: 'Sidan finns inte' }, body);
}

/** The joint training the need became part of; other employers stay anonymous. */
function renderInitiative(initiative: NeedInitiativeView) {
  return html`<h2>Utbildningsinsats</h2>
    <dl class="summary-list">
      <div>
        <dt>Utbildning</dt>
        <dd>${initiative.title}</dd>
      </div>
      <div>
        <dt>Status</dt>
        <dd>${INITIATIVE_STATUS_SV[initiative.status]}</dd>
      </div>
      <div>
        <dt>Start</dt>
        <dd>${initiative.startDate ? swedishDate(initiative.startDate) : 'Inte bestämd än'}</dd>
      </div>
      <div>
        <dt>Plats</dt>
        <dd>
          ${initiative.venueMunicipalityName}${
            initiative.learningCentreName ? html`, ${initiative.learningCentreName}` : html``
          }
        </dd>
      </div>
      <div>
        <dt>Tillsammans med</dt>
        <dd>
          ${
            initiative.employers > 1
              ? `${initiative.employers - 1} andra arbetsgivare, ${initiative.participantsTotal} deltagare totalt`
              : `${initiative.participantsTotal} deltagare`
          }
        </dd>
      </div>
    </dl>`;
}
