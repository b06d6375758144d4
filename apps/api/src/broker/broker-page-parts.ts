import { FieldProblem } from '@km/common';
import { html, SafeHtml } from '../pages/html';
import { DELIVERY_MODE_SV, INITIATIVE_STATUS_SV, PROPOSAL_STATUS_SV, labelSv } from '@km/labels';
import { countOf, swedishNumber } from '../pages/swedish-text';
import { fieldError, invalidAttributes } from '../staff/staff.page';

export const BROKER_PATH = '/maklare';
export const proposalPath = (id: string) => `${BROKER_PATH}/forslag/${encodeURIComponent(id)}`;
export const initiativePath = (id: string) => `${BROKER_PATH}/insatser/${encodeURIComponent(id)}`;
export const needPath = (id: string) => `${BROKER_PATH}/behov/${encodeURIComponent(id)}`;

/** A summary list (GOV.UK): label and value per row. Rows without a value are left out. */
export function summaryList(rows: [string, SafeHtml | string | null | undefined][]): SafeHtml {
  return html`<dl class="summary-list">
    ${rows
      .filter(([, value]) => value !== null && value !== undefined && value !== '')
      .map(
        ([label, value]) =>
          html`<div>
            <dt>${label}</dt>
            <dd>${value}</dd>
          </div>`,
      )}
  </dl>`;
}

export function proposalStatusTag(status: string): SafeHtml {
  const label = PROPOSAL_STATUS_SV[status as keyof typeof PROPOSAL_STATUS_SV]?.label ?? 'Okänd';
  return html`<span class="tag tag--${status}">${label}</span>`;
}

export function initiativeStatusTag(status: string): SafeHtml {
  const label = INITIATIVE_STATUS_SV[status as keyof typeof INITIATIVE_STATUS_SV] ?? 'Okänd';
  return html`<span class="tag tag--${status}">${label}</span>`;
}

/** "9 deltagare (4 kvinnor, 4 män, 1 ej angivet)". */
export function participantsText(p: { total: number; women: number; men: number }): string {
  const unstated = Math.max(0, p.total - p.women - p.men);
  const parts = [countOf(p.women, 'kvinna', 'kvinnor'), countOf(p.men, 'man', 'män')];
  if (unstated > 0) parts.push(`${swedishNumber(unstated)} ej angivet`);
  return `${countOf(p.total, 'deltagare', 'deltagare')} (${parts.join(', ')})`;
}

export function deliveryModesText(modes: string[]): string {
  return modes.map((m) => labelSv(DELIVERY_MODE_SV, m, 'Annat')).join(', ');
}

/** A textarea with its label, hint and error, one question per field. */
export function textArea(options: {
  id: string;
  name: string;
  label: string;
  hint?: string;
  value: string;
  problem?: FieldProblem;
  rows?: number;
}): SafeHtml {
  const { id, problem } = options;
  const hintId = `${id}-hint`;
  return html`<div class="field${problem ? ' field--error' : ''}">
    <label for="${id}">${options.label}</label>
    ${options.hint ? html`<p class="hint" id="${hintId}">${options.hint}</p>` : ''}
    ${fieldError(id, problem)}
    <textarea
      id="${id}"
      name="${options.name}"
      rows="${options.rows ?? 4}"
      class="w-full"
      ${problem ? invalidAttributes(id, problem) : options.hint ? new SafeHtml(`aria-describedby="${hintId}"`) : ''}
    >
${options.value}</textarea>
  </div>`;
}

/** Page links: previous and next with "Sida 2 av 7". */
export function pagination(
  page: number,
  pages: number,
  hrefOf: (page: number) => string,
): SafeHtml {
  if (pages <= 1) return html``;
  return html`<nav class="pagination" aria-label="Sidor">
    ${page > 1 ? html`<a href="${hrefOf(page - 1)}" rel="prev">Föregående sida</a>` : ''}
    <span>Sida ${page} av ${pages}</span>
    ${page < pages ? html`<a href="${hrefOf(page + 1)}" rel="next">Nästa sida</a>` : ''}
  </nav>`;
}
