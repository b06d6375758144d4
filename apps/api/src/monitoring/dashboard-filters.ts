import { FieldProblem } from '@km/common';
import { NATIONWIDE_SV } from '@km/monitoring';
import { html, SafeHtml } from '../pages/html';
import { fieldError, StaffViewer } from '../staff/staff.page';

export const DASHBOARD_PATH = '/uppfoljning';

/** The filter form's fields, as the browser sent them (Swedish names in the URL). */
export interface DashboardFilters {
  lan: string;
  fran: string;
  till: string;
  intervall: 'manad' | 'vecka';
}

/** What the filter form shows: the viewer decides which fields there are. */
export interface FiltersModel {
  viewer: StaffViewer;
  filters: DashboardFilters;
  counties: { code: string; name: string }[];
  problems: FieldProblem[];
}

const FILTER_ID: Record<string, string> = {
  lan: 'filter-lan',
  fran: 'filter-fran',
  till: 'filter-till',
  intervall: 'filter-intervall',
};
export const filterId = (field: string) => FILTER_ID[field] ?? 'filter-fran';

/** The GET form that chooses county, period and interval (admins choose county and weeks). */
export function filtersForm(model: FiltersModel): SafeHtml {
  const { filters, problems } = model;
  const problemOf = (field: string) => problems.find((p) => p.field === field);
  const wrap = (field: string, label: string, control: SafeHtml) => {
    const problem = problemOf(field);
    return html`<div class="field${problem ? ' field--error' : ''}">
      <label for="${filterId(field)}">${label}</label>
      ${fieldError(filterId(field), problem)} ${control}
    </div>`;
  };
  const invalid = (field: string) =>
    problemOf(field)
      ? new SafeHtml(`aria-invalid="true" aria-describedby="${filterId(field)}-error"`)
      : '';
  const county =
    model.viewer.role === 'admin'
      ? wrap(
          'lan',
          'Län',
          html`<select id="filter-lan" name="lan" ${invalid('lan')}>
            <option value="" ${filters.lan === '' ? new SafeHtml(' selected') : ''}>
              ${NATIONWIDE_SV}
            </option>
            ${model.counties.map(
              (c) =>
                html`<option
                  value="${c.code}"
                  ${filters.lan === c.code ? new SafeHtml(' selected') : ''}
                >
                  ${c.name}
                </option>`,
            )}
          </select>`,
        )
      : '';
  const date = (field: 'fran' | 'till', label: string) =>
    wrap(
      field,
      label,
      html`<input
        id="${filterId(field)}"
        name="${field}"
        type="date"
        value="${filters[field]}"
        ${invalid(field)}
      />`,
    );
  // Regional figures are per month (whole months protect employers); weeks are for admins.
  const interval =
    model.viewer.role === 'admin'
      ? wrap(
          'intervall',
          'Tidsserier per',
          html`<select id="filter-intervall" name="intervall">
            <option value="manad" ${filters.intervall === 'manad' ? new SafeHtml(' selected') : ''}>
              månad
            </option>
            <option value="vecka" ${filters.intervall === 'vecka' ? new SafeHtml(' selected') : ''}>
              vecka
            </option>
          </select>`,
        )
      : '';
  return html`<form method="get" action="${DASHBOARD_PATH}" class="filters" novalidate>
    <fieldset>
      <legend>Urval</legend>
      <div class="inline-fields">
        ${county} ${date('fran', 'Från och med')} ${date('till', 'Till och med')} ${interval}
      </div>
      <button type="submit">Visa</button>
    </fieldset>
  </form>`;
}
