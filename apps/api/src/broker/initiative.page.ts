import { FieldProblem } from '@km/common';
import { InitiativeView, Place } from '@km/initiatives';
import { errorSummary, html, SafeHtml } from '../pages/html';
import { INITIATIVE_STATUS_SV } from '@km/labels';
import {
  countOf,
  swedishDate,
  swedishDateTime,
  swedishNumber,
  swedishSek,
} from '../pages/swedish-text';
import { CSRF_FIELD } from '../staff/staff-session';
import { inputField, staffLayout, StaffViewer } from '../staff/staff.page';
import {
  initiativePath,
  initiativeStatusTag,
  needPath,
  pagination,
  participantsText,
  proposalPath,
  summaryList,
  textArea,
} from './broker-page-parts';

export const INITIATIVES_PATH = '/maklare/insatser';
export const INITIATIVES_PAGE_SIZE = 25;

export interface InitiativeListModel {
  viewer: StaffViewer;
  status: string;
  page: number;
  items: InitiativeView[];
  total: number;
  places: Map<string, Place>;
}

const nameOf = (places: Map<string, Place>, code: string) =>
  places.get(code)?.name ?? 'Okänd kommun';
const listHref = (status: string, page: number) => {
  const q = new URLSearchParams();
  if (status) q.set('status', status);
  if (page > 1) q.set('sida', String(page));
  const s = q.toString();
  return s ? `${INITIATIVES_PATH}?${s}` : INITIATIVES_PATH;
};

export function renderInitiativeList(model: InitiativeListModel): string {
  const pages = Math.max(1, Math.ceil(model.total / INITIATIVES_PAGE_SIZE));
  const body = html`<h1>Insatser</h1>
    <p class="lead">Godkända gemensamma utbildningar i dina kommuner, de senaste först.</p>
    <form method="get" action="${INITIATIVES_PATH}" class="filters">
      <div class="field">
        <label for="filter-status">Status</label>
        <select id="filter-status" name="status">
          <option value="">Alla</option>
          ${Object.entries(INITIATIVE_STATUS_SV).map(
            ([value, label]) =>
              html`<option
                value="${value}"
                ${model.status === value ? new SafeHtml(' selected') : ''}
              >
                ${label}
              </option>`,
          )}
        </select>
      </div>
      <button type="submit">Visa</button>
    </form>
    <h2>Insatser (${model.total})</h2>
    ${
      model.items.length === 0
        ? html`<p class="no-data">Det finns inga insatser med det här urvalet.</p>`
        : html`<table class="data-table">
            <caption class="visually-hidden">
              Insatser
            </caption>
            <thead>
              <tr>
                <th scope="col">Insats</th>
                <th scope="col">Ort</th>
                <th scope="col">Start</th>
                <th scope="col">Deltagare</th>
                <th scope="col">Arbetsgivare</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              ${model.items.map(
                (i) =>
                  html`<tr>
                    <th scope="row"><a href="${initiativePath(i.id)}">${i.title}</a></th>
                    <td data-label="Ort">${nameOf(model.places, i.venueMunicipalityCode)}</td>
                    <td data-label="Start">
                      ${i.startDate ? swedishDate(i.startDate) : 'Inte bestämt'}
                    </td>
                    <td class="num" data-label="Deltagare">${i.participants.total}</td>
                    <td class="num" data-label="Arbetsgivare">${i.employers}</td>
                    <td data-label="Status">${initiativeStatusTag(i.status)}</td>
                  </tr>`,
              )}
            </tbody>
          </table>`
    }
    ${pagination(model.page, pages, (page) => listHref(model.status, page))}`;
  return staffLayout(
    { title: 'Insatser', wide: true, current: INITIATIVES_PATH },
    model.viewer,
    body,
  );
}

export interface InitiativeModel {
  viewer: StaffViewer;
  initiative: InitiativeView;
  learningCentre: string | null;
  places: Map<string, Place>;
  mayChange: boolean;
  problems: FieldProblem[];
  values: { women: string; men: string };
  /** A confirmation after the PRG redirect: what was just done. */
  done?: 'approved' | 'started' | 'completed' | 'cancelled';
}

const DONE: Record<NonNullable<InitiativeModel['done']>, [string, string]> = {
  approved: [
    'Förslaget är godkänt',
    'Insatsen är planerad. Arbetsgivarna får e-post om att de ingår, och behoven är reserverade för insatsen.',
  ],
  started: ['Insatsen pågår', 'Registrera resultatet när utbildningen är klar.'],
  completed: ['Resultatet är registrerat', 'Insatsen är genomförd.'],
  cancelled: ['Insatsen är inställd', 'Behoven är fria igen och kommer med i nästa matchning.'],
};

const OUTCOME_ID: Record<string, string> = { women: 'outcome-women', men: 'outcome-men' };
const outcomeId = (field: string) => OUTCOME_ID[field] ?? 'outcome-women';

function outcomeForm(model: InitiativeModel): SafeHtml {
  const i = model.initiative;
  const problemOf = (field: string) => model.problems.find((p) => p.field === field);
  const number = (field: 'women' | 'men', label: string) =>
    inputField({
      id: outcomeId(field),
      name: field === 'women' ? 'kvinnor' : 'man',
      label,
      value: model.values[field],
      problem: problemOf(field),
      width: 'w-4',
      numeric: true,
    });
  return html`<form method="post" action="${initiativePath(i.id)}/resultat" novalidate>
    <input type="hidden" name="${CSRF_FIELD}" value="${model.viewer.csrfToken}" />
    <fieldset>
      <legend><h2>Registrera resultatet</h2></legend>
      <p class="hint">
        Hur många av de ${swedishNumber(i.participants.total)} deltagarna gick hela utbildningen?
        Räkna bara dem vars kön är känt.
      </p>
      ${number('women', 'Kvinnor som gick hela utbildningen')}
      ${number('men', 'Män som gick hela utbildningen')}
      <button type="submit">Registrera och avsluta insatsen</button>
    </fieldset>
  </form>`;
}

function actions(model: InitiativeModel): SafeHtml {
  const i = model.initiative;
  if (!model.mayChange || (i.status !== 'planned' && i.status !== 'running')) return html``;
  const csrf = html`<input type="hidden" name="${CSRF_FIELD}" value="${model.viewer.csrfToken}" />`;
  return html`<section class="decision" aria-labelledby="actions-title">
    <h2 id="actions-title">Ändra insatsen</h2>
    ${
      i.status === 'planned'
        ? html`<form method="post" action="${initiativePath(i.id)}/starta">
            ${csrf}
            <p>När utbildningen har börjat:</p>
            <button type="submit">Utbildningen har börjat</button>
          </form>`
        : outcomeForm(model)
    }
    <p><a href="${initiativePath(i.id)}/stall-in">Ställ in insatsen</a></p>
  </section>`;
}

export function renderInitiative(model: InitiativeModel): string {
  const i = model.initiative;
  const done = model.done ? DONE[model.done] : undefined;
  const body = html`${errorSummary(model.problems, outcomeId)}
    ${
      done
        ? html`<div class="confirmation" role="status">
            <h2>${done[0]}</h2>
            <p>${done[1]}</p>
          </div>`
        : ''
    }
    <p><a href="${INITIATIVES_PATH}">Tillbaka till insatserna</a></p>
    <h1>${i.title}</h1>
    <p>${initiativeStatusTag(i.status)}</p>
    ${
      i.attention.length
        ? html`<div class="notice" role="status">
            <h2>Behöver ses över</h2>
            <ul>
              ${i.attention.map(
                (a) => html`<li class="pre-line">${swedishDateTime(a.at)}: ${a.detail}</li>`,
              )}
            </ul>
          </div>`
        : ''
    }
    ${summaryList([
      ['Skäl till att insatsen ställdes in', i.cancelReason],
      ['Anordnare', model.learningCentre ?? 'Inte bestämd'],
      ['Ort', nameOf(model.places, i.venueMunicipalityCode)],
      ['Start', i.startDate ? swedishDate(i.startDate) : 'Inte bestämd'],
      ['Deltagare', participantsText(i.participants)],
      ['Arbetsgivare', swedishNumber(i.employers)],
      [
        'Kostnad per deltagare',
        i.costPerParticipantSek === null ? null : swedishSek(i.costPerParticipantSek),
      ],
      [
        'Resultat',
        i.outcome
          ? `${countOf(i.outcome.completed.women + i.outcome.completed.men, 'deltagare', 'deltagare')} gick hela utbildningen (${swedishNumber(i.outcome.completed.women)} kvinnor, ${swedishNumber(i.outcome.completed.men)} män)`
          : null,
      ],
      ['Anteckning', i.note ? html`<span class="pre-line">${i.note}</span>` : null],
      ['Godkänd', swedishDateTime(i.createdAt)],
      ['Status ändrad', i.statusChangedAt ? swedishDateTime(i.statusChangedAt) : null],
      [
        'Ny kurs',
        i.offeringCommitment
          ? 'Lärcentrumet har åtagit sig att ordna kursen, som inte finns i utbudet ännu.'
          : null,
      ],
      [
        'Förslaget',
        html`<a href="${proposalPath(i.proposalId)}">Se förslaget och motiveringen</a>`,
      ],
    ])}
    <h2>Arbetsgivarna (${i.needs.length})</h2>
    <ul>
      ${i.needs.map(
        (n) =>
          html`<li>
            <a href="${needPath(n.needId)}">${n.employerName}</a>,
            ${nameOf(model.places, n.municipalityCode)}:
            ${countOf(n.participants, 'deltagare', 'deltagare')}${n.committed ? '' : ' (inte längre reserverat)'}
          </li>`,
      )}
    </ul>
    ${actions(model)}`;
  return staffLayout(
    { title: model.problems.length ? `Fel: ${i.title}` : i.title, current: INITIATIVES_PATH },
    model.viewer,
    body,
  );
}

/** "Are you sure?" before cancelling: cancelling frees the needs and tells the employers. */
export function renderCancelConfirmation(
  viewer: StaffViewer,
  i: InitiativeView,
  reason = '',
  problems: FieldProblem[] = [],
): string {
  const body = html`${errorSummary(problems, () => 'cancel-reason')}
    <p><a href="${initiativePath(i.id)}">Tillbaka till insatsen</a></p>
    <h1>Vill du ställa in ${i.title}?</h1>
    <p>
      ${countOf(i.needs.length, 'arbetsgivare', 'arbetsgivare')} med
      ${countOf(i.participants.total, 'deltagare', 'deltagare')} ingår. Om du ställer in insatsen:
    </p>
    <ul>
      <li>blir arbetsgivarnas behov fria igen och kommer med i nästa matchning</li>
      <li>får arbetsgivarna e-post om att utbildningen är inställd</li>
      <li>går det inte att ångra – ett nytt förslag måste godkännas</li>
      <li>får arbetsgivarna veta skälet</li>
    </ul>
    <form method="post" action="${initiativePath(i.id)}/stall-in" novalidate>
      <input type="hidden" name="${CSRF_FIELD}" value="${viewer.csrfToken}" />
      ${textArea({
        id: 'cancel-reason',
        name: 'skal',
        label: 'Varför ställs insatsen in?',
        hint: 'Skälet sparas, visas på insatsen och skickas till arbetsgivarna. 3–1 000 tecken.',
        value: reason,
        problem: problems[0],
        rows: 3,
      })}
      <button type="submit" class="button--warning">Ja, ställ in insatsen</button>
      <a class="button-link" href="${initiativePath(i.id)}">Nej, gå tillbaka</a>
    </form>`;
  return staffLayout(
    { title: `${problems.length ? 'Fel: ' : ''}Ställa in ${i.title}?`, current: INITIATIVES_PATH },
    viewer,
    body,
  );
}
