import { NeedInitiativeView, NeedTrackingView } from '@km/needs';
import { ServingLearningCentre } from '@km/reference';
import { WhyNotYetDto } from '../needs/why-not-yet';
import { html, layout, SafeHtml } from './html';
import {
  DELIVERY_MODE_SV,
  INITIATIVE_STATUS_SV,
  LANGUAGE_SV,
  NEED_STATUS_SV,
  labelSv,
} from '@km/labels';
import { countOf, swedishDate } from './swedish-text';

export interface NeedStatusModel {
  need: NeedTrackingView;
  trackingUrl: string;
  /** Withdraw URL (same origin, relative). */
  withdrawPath: string;
  /** Edit URL (same origin, relative); null once the need can no longer be changed. */
  editPath: string | null;
  whyNotYet: WhyNotYetDto | null;
  /** The form pre-filled from this need, offered once it has expired. */
  renewPath: string;
  notice?: 'created' | 'changed' | 'withdrawn' | 'not-withdrawable';
}

const WITHDRAWABLE = new Set(['received', 'proposed', 'matched', 'unmet']);

/** The receipt and status page (GET /behov/{token}). */
export function renderNeedStatus(model: NeedStatusModel): string {
  const { need } = model;
  const status = NEED_STATUS_SV[need.status];
  const notice =
    model.notice === 'created'
      ? html`<div class="notice notice--success" role="status">
          <h2>Tack! Behovet är mottaget</h2>
          <p>Ärendenummer: <strong class="reference">${need.reference}</strong></p>
          <p>
            Vi har skickat en bekräftelse med länken till kontaktpersonens e-post. Spara länken: med
            den följer, ändrar och återkallar ni behovet.
          </p>
        </div>`
      : model.notice === 'changed'
        ? html`<div class="notice notice--success" role="status">
            <h2>Ändringen är sparad</h2>
            <p>Behovet matchas på nytt inom några minuter. Ladda om sidan om en stund.</p>
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
    <p class="reference-line">Ärendenummer: <strong>${need.reference}</strong></p>
    <p>${status.explanation}</p>
    ${need.initiative ? renderInitiative(need.initiative) : html``}
    ${model.whyNotYet ? renderWhyNotYet(model.whyNotYet, model.editPath) : html``}
    ${need.learningCentre ? renderLearningCentre(need.learningCentre, need.reference) : html``}

    <h2>Länk till behovet</h2>
    <p class="hint" id="tracking-link-hint">
      Den som har länken kan se, ändra och återkalla behovet. Dela den bara inom organisationen.
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
            ${need.otherCompetence ? html`<li>Annan kompetens: ${need.otherCompetence}</li>` : ''}
          </ul>
        </dd>
      </div>
      <div>
        <dt>Deltagare</dt>
        <dd>
          ${need.participants.total} (varav ${countOf(need.participants.women, 'kvinna', 'kvinnor')}
          och ${countOf(need.participants.men, 'man', 'män')})
        </dd>
      </div>
      <div>
        <dt>Tidsperiod</dt>
        <dd>${swedishDate(need.earliestStart)} – ${swedishDate(need.latestEnd)}</dd>
      </div>
      <div>
        <dt>Genomförande</dt>
        <dd>
          ${need.deliveryModes.map((m) => labelSv(DELIVERY_MODE_SV, m, 'Annat sätt')).join(', ')}
        </dd>
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
        <dd>${labelSv(LANGUAGE_SV, need.language, 'Annat språk')}</dd>
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
      model.editPath
        ? html`<p>
            <a class="button button--secondary" href="${model.editPath}">Ändra behovet</a>
          </p>`
        : ''
    }
    ${
      need.status === 'expired'
        ? html`<h2>Finns behovet kvar?</h2>
            <p>
              Skicka in behovet igen med nya datum. Formuläret fylls i med uppgifterna från det här
              behovet; ni anger organisationsnummer, kontaktperson och datum på nytt.
            </p>
            <p>
              <a class="button" href="${model.renewPath}">Skicka in behovet igen</a>
            </p>`
        : ''
    }
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

/**
 * The same form was sent again, but its need's tracking link is gone (withdrawn or erased): no
 * second need is stored, and the reference is what we can show.
 */
export function renderAlreadySent(reference: string): string {
  const body = html`<h1>Behovet är redan skickat</h1>
    <p>
      Det här formuläret har redan skickats, med ärendenummer <strong>${reference}</strong>. Vi
      sparade det inte en gång till.
    </p>
    <p>Länken till behovet finns i bekräftelsen som skickades till kontaktpersonens e-post.</p>
    <p><a href="/behov/ny">Anmäl ett nytt kompetensbehov</a></p>`;
  return layout({ title: 'Behovet är redan skickat' }, body);
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

/** "Varför inte matchat än?": the matcher's answer, with the one change linked to the edit form. */
function renderWhyNotYet(why: WhyNotYetDto, editPath: string | null): SafeHtml {
  const changeLink =
    why.change && editPath
      ? html`<p>
          <a
            class="button"
            href="${editPath}?${new URLSearchParams({ [why.change.field]: String(why.change.value) }).toString()}#${why.change.field}"
            >${why.change.text}</a
          >
        </p>`
      : html``;
  return html`<section class="why-not-yet" aria-labelledby="why-not-yet-title">
    <h2 id="why-not-yet-title">Varför inte matchat än?</h2>
    <p>${why.summary}</p>
    ${changeLink}
    ${
      why.courses.length
        ? html`<h3>Närmaste kurser</h3>
            <ul class="course-list">
              ${why.courses.map(
                (c) =>
                  html`<li>
                    <strong>${c.title}</strong>,
                    ${c.venueName}${c.distanceKm === null ? ' (distans)' : `, ${c.distanceKm} km bort`},
                    start från ${swedishDate(c.startFrom)}
                    ${
                      c.reasons.length
                        ? html`<ul>
                            ${c.reasons.map((r) => html`<li>${r}</li>`)}
                          </ul>`
                        : html`<p>Behovet passar kursen.</p>`
                    }
                  </li>`,
              )}
            </ul>`
        : ''
    }
  </section>`;
}

/** Whom to call: the learning centre serving the employer's municipality. */
function renderLearningCentre(lc: ServingLearningCentre, reference: string): SafeHtml {
  const c = lc.contact;
  return html`<h2>Frågor om behovet?</h2>
    <p>
      Kontakta ${lc.name}${c.name ? html` (${c.name})` : ''} och ange ärendenumret ${reference}.
    </p>
    <dl class="summary-list">
      ${
        c.phone
          ? html`<div>
              <dt>Telefon</dt>
              <dd>${c.phone}</dd>
            </div>`
          : ''
      }
      ${
        c.email
          ? html`<div>
              <dt>E-post</dt>
              <dd><a href="mailto:${c.email}">${c.email}</a></dd>
            </div>`
          : ''
      }
      ${
        c.url
          ? html`<div>
              <dt>Webbplats</dt>
              <dd><a href="${c.url}">${c.url}</a></dd>
            </div>`
          : ''
      }
    </dl>
    ${c.isDemo ? html`<p class="hint">Demouppgifter: kontaktuppgifterna är påhittade för demonstrationen.</p>` : ''}`;
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
