import { ProposalQueue, PROPOSAL_STATUSES, ProposalStatus } from '@km/initiatives';
import { html, SafeHtml } from '../pages/html';
import {
  countOf,
  PROPOSAL_KIND_SV,
  PROPOSAL_STATUS_SV,
  swedishDate,
  swedishDateTime,
  swedishMonth,
  swedishSek,
} from '../pages/swedish-text';
import { staffLayout, StaffViewer } from '../staff/staff.page';
import { BROKER_PATH, pagination, proposalPath, proposalStatusTag } from './broker-page-parts';

/** The queue's filters as they stand in the URL (Swedish names). */
export interface QueueFilters {
  status: ProposalStatus;
  typ: string;
  kompetens: string;
  kommun: string;
  start: string;
  sida: number;
}

export const QUEUE_PAGE_SIZE = 25;

export interface QueueModel {
  viewer: StaffViewer;
  filters: QueueFilters;
  queue: ProposalQueue;
  /** When this browser last looked at the queue (undefined on the first visit). */
  lastSeen?: Date;
}

export function queueHref(filters: QueueFilters, changes: Partial<QueueFilters> = {}): string {
  const merged = { ...filters, ...changes };
  const query = new URLSearchParams();
  if (merged.status !== 'open') query.set('status', merged.status);
  if (merged.typ) query.set('typ', merged.typ);
  if (merged.kompetens) query.set('kompetens', merged.kompetens);
  if (merged.kommun) query.set('kommun', merged.kommun);
  if (merged.start) query.set('start', merged.start);
  if (merged.sida > 1) query.set('sida', String(merged.sida));
  const text = query.toString();
  return text ? `${BROKER_PATH}?${text}` : BROKER_PATH;
}

const selected = (on: boolean) => (on ? new SafeHtml(' selected') : '');

function select(
  id: string,
  name: string,
  label: string,
  value: string,
  options: [string, string][],
  all: string,
): SafeHtml {
  return html`<div class="field">
    <label for="${id}">${label}</label>
    <select id="${id}" name="${name}">
      <option value="" ${selected(value === '')}>${all}</option>
      ${options.map(([v, text]) => html`<option value="${v}" ${selected(v === value)}>${text}</option>`)}
    </select>
  </div>`;
}

function filtersForm(model: QueueModel): SafeHtml {
  const { filters, queue } = model;
  return html`<form method="get" action="${BROKER_PATH}" class="filters">
    <input type="hidden" name="status" value="${filters.status}" />
    <fieldset>
      <legend>Urval</legend>
      <div class="inline-fields">
        ${select(
          'filter-typ',
          'typ',
          'Typ av förslag',
          filters.typ,
          [
            ['befintlig', PROPOSAL_KIND_SV.joint_initiative],
            ['ny', PROPOSAL_KIND_SV.new_initiative],
            ['plats', PROPOSAL_KIND_SV.fill_initiative],
          ],
          'Alla typer',
        )}
        ${select(
          'filter-kompetens',
          'kompetens',
          'Kompetens',
          filters.kompetens,
          queue.options.competences.map((c) => [c.id, c.label]),
          'Alla kompetenser',
        )}
        ${select(
          'filter-kommun',
          'kommun',
          'Kommun',
          filters.kommun,
          queue.options.municipalities.map((m) => [m.code, m.name]),
          'Alla kommuner',
        )}
        ${select(
          'filter-start',
          'start',
          'Startmånad',
          filters.start,
          queue.options.months.map((m) => [m, swedishMonth(m)]),
          'Alla månader',
        )}
      </div>
      <button type="submit">Visa</button>
    </fieldset>
  </form>`;
}

function statusCounts(model: QueueModel): SafeHtml {
  return html`<ul class="status-counts" aria-label="Antal förslag per status">
    ${PROPOSAL_STATUSES.map(
      (s) =>
        html`<li>
          <a
            href="${queueHref(model.filters, { status: s, sida: 1 })}"
            ${model.filters.status === s ? new SafeHtml('aria-current="true"') : ''}
            >${PROPOSAL_STATUS_SV[s].plural}: ${model.queue.counts[s]}</a
          >
        </li>`,
    )}
  </ul>`;
}

function changes(model: QueueModel): SafeHtml {
  if (!model.lastSeen) return html``;
  const n = model.queue.changedSince;
  return html`<div class="notice" role="status">
    <p>
      ${
        n === 0
          ? `Inga nya eller ändrade förslag sedan du senast tittade (${swedishDateTime(model.lastSeen)}).`
          : `${countOf(n, 'nytt eller ändrat förslag', 'nya eller ändrade förslag')} att granska sedan du senast tittade (${swedishDateTime(model.lastSeen)}). De är märkta ”Nytt”.`
      }
    </p>
  </div>`;
}

function table(model: QueueModel): SafeHtml {
  const { items } = model.queue;
  if (items.length === 0) {
    return html`<p class="no-data">Det finns inga förslag med det här urvalet.</p>`;
  }
  const isNew = (updatedAt: string) =>
    model.lastSeen !== undefined && new Date(updatedAt) > model.lastSeen;
  return html`<table class="data-table">
    <caption class="visually-hidden">
      Förslag: ${PROPOSAL_STATUS_SV[model.filters.status].plural.toLowerCase()}
    </caption>
    <thead>
      <tr>
        <th scope="col">Förslag</th>
        <th scope="col">Ort</th>
        <th scope="col">Start</th>
        <th scope="col">Deltagare</th>
        <th scope="col">Arbetsgivare</th>
        <th scope="col">Per deltagare</th>
        <th scope="col">Status</th>
      </tr>
    </thead>
    <tbody>
      ${items.map(
        (p) =>
          html`<tr>
            <th scope="row">
              <a href="${proposalPath(p.id)}">${p.title}</a>
              ${isNew(p.updatedAt) && p.status === 'open' ? html` <span class="tag tag--new">Nytt</span>` : ''}
              <br /><span class="hint">${PROPOSAL_KIND_SV[p.kind]}</span>
            </th>
            <td data-label="Ort">${p.venueMunicipality}</td>
            <td data-label="Start">
              ${p.startWindow ? `${swedishDate(p.startWindow.from)} – ${swedishDate(p.startWindow.to)}` : 'Inte bestämt'}
            </td>
            <td class="num" data-label="Deltagare">${p.participants}</td>
            <td class="num" data-label="Arbetsgivare">${p.employers}</td>
            <td class="num" data-label="Per deltagare">
              ${p.costPerParticipantSek === null ? 'Inte bestämt' : swedishSek(p.costPerParticipantSek)}
            </td>
            <td data-label="Status">${proposalStatusTag(p.status)}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

export function renderQueue(model: QueueModel): string {
  const pages = Math.max(1, Math.ceil(model.queue.total / QUEUE_PAGE_SIZE));
  const body = html`<h1>Förslag</h1>
    <p class="lead">
      Matchningens förslag till gemensamma utbildningar i dina kommuner, de senaste först. Öppna ett
      förslag för att godkänna eller avslå det.
    </p>
    ${changes(model)} ${statusCounts(model)} ${filtersForm(model)}
    <h2>${PROPOSAL_STATUS_SV[model.filters.status].plural} (${model.queue.total})</h2>
    ${table(model)}
    ${pagination(model.filters.sida, pages, (sida) => queueHref(model.filters, { sida }))}`;
  return staffLayout({ title: 'Förslag', wide: true, current: BROKER_PATH }, model.viewer, body);
}
