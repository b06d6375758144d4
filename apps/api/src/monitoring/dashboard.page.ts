import { FieldProblem } from '@km/common';
import { MonitoringSummary, NATIONWIDE_SV, TimeseriesTable } from '@km/monitoring';
import { errorSummary, html, SafeHtml } from '../pages/html';
import { swedishDate } from '../pages/swedish-text';
import { renderAboutFigures } from './dashboard-about';
import { fieldError, staffLayout, StaffViewer } from '../staff/staff.page';
import { DashboardChart, dashboardCharts, formatFigure } from './dashboard-charts';

export const DASHBOARD_PATH = '/uppfoljning';

/** The filter form's fields, as the browser sent them (Swedish names in the URL). */
export interface DashboardFilters {
  lan: string;
  fran: string;
  till: string;
  intervall: 'manad' | 'vecka';
}

export interface DashboardModel {
  viewer: StaffViewer;
  filters: DashboardFilters;
  counties: { code: string; name: string }[];
  problems: FieldProblem[];
  /** Absent when the filters are wrong: only the form is shown. */
  result?: { summary: MonitoringSummary; series: TimeseriesTable; exportHref: string };
}

const FILTER_ID: Record<string, string> = {
  lan: 'filter-lan',
  fran: 'filter-fran',
  till: 'filter-till',
  intervall: 'filter-intervall',
};
const filterId = (field: string) => FILTER_ID[field] ?? 'filter-fran';

/** JSON for a <script type="application/json"> block: nothing in it can end the element. */
function scriptJson(value: unknown): SafeHtml {
  return new SafeHtml(
    JSON.stringify(value)
      .replace(/</g, '\\u003c')
      .replace(/>/g, '\\u003e')
      .replace(/&/g, '\\u0026')
      .replace(/\u2028/g, '\\u2028')
      .replace(/\u2029/g, '\\u2029'),
  );
}

function filtersForm(model: DashboardModel): SafeHtml {
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

function keyFigures(s: MonitoringSummary): SafeHtml {
  const { count, share, days } = formatFigure;
  const figures: [string, string][] = [
    ['Mottagna behov', count(s.needs)],
    ['Efterfrågade deltagare', count(s.participantsRequested)],
    ['Arbetsgivare med behov', count(s.employers)],
    ['Matchade behov', count(s.matchedNeeds)],
    ['Matchade i förhållande till mottagna', share(s.matchRate)],
    ['Mediantid till matchning', days(s.medianDaysToMatch)],
    ['Gemensamma insatser', count(s.initiatives)],
    ['Arbetsgivare per insats', count(s.employersPerInitiative)],
    ['Andel små och medelstora arbetsgivare', share(s.smeShare)],
    ['ESF-projektutkast', count(s.projectDrafts)],
  ];
  return html`<section aria-labelledby="key-figures-title">
    <h2 id="key-figures-title">Nyckeltal</h2>
    <dl class="key-figures">
      ${figures.map(
        ([label, value]) =>
          html`<div>
            <dt>${label}</dt>
            <dd>${value}</dd>
          </div>`,
      )}
    </dl>
    <p class="hint">
      <strong>&lt;3</strong> betyder att uppgiften bygger på, eller skulle avslöja, uppgifter om
      färre än tre arbetsgivare och därför inte visas. Läs mer under Om siffrorna.
    </p>
  </section>`;
}

function chartSection(chart: DashboardChart): SafeHtml {
  const titleId = `chart-${chart.id}-title`;
  const tableId = `chart-${chart.id}-table`;
  return html`<section class="chart-card" aria-labelledby="${titleId}">
    <h2 id="${titleId}">${chart.title}</h2>
    <p>${chart.text}</p>
    ${
      chart.hasData
        ? html`<div class="chart-box">
            <canvas
              id="chart-${chart.id}"
              data-chart="${chart.id}"
              role="img"
              aria-label="Diagram: ${chart.title}. Samma uppgifter finns i tabellen under diagrammet."
              aria-describedby="${tableId}"
              >Diagram: ${chart.title}. Se tabellen under.</canvas
            >
          </div>`
        : html`<p class="no-data">Det finns inga uppgifter att visa i diagrammet för urvalet.</p>`
    }
    ${
      chart.table.rows.length
        ? html`<div
            class="table-scroll"
            tabindex="0"
            role="region"
            aria-label="Tabell: ${chart.title}"
          >
            <table id="${tableId}">
              <caption class="visually-hidden">
                ${chart.title}
              </caption>
              <thead>
                <tr>
                  ${chart.table.head.map((h) => html`<th scope="col">${h}</th>`)}
                </tr>
              </thead>
              <tbody>
                ${chart.table.rows.map(
                  ([first, ...rest]) =>
                    html`<tr>
                      <th scope="row">${first}</th>
                      ${rest.map((cell) => html`<td>${cell}</td>`)}
                    </tr>`,
                )}
              </tbody>
            </table>
          </div>`
        : html`<p class="no-data">Inga rader.</p>`
    }
  </section>`;
}

export function renderDashboard(model: DashboardModel): string {
  const result = model.result;
  const charts = result ? dashboardCharts(result.summary, result.series) : [];
  const heading = result ? `Uppföljning – ${result.summary.countyName}` : 'Uppföljning';
  const period = result
    ? html`<p class="lead">
        Behov som kom in ${swedishDate(result.series.scope.from)} –
        ${swedishDate(result.series.scope.to)}.
      </p>`
    : '';
  const body = html`${errorSummary(model.problems, filterId)}
    <h1>${heading}</h1>
    ${period} ${filtersForm(model)}
    ${
      result
        ? html`<p>
              <a href="${result.exportHref}" download>Ladda ner uppgifterna som CSV (för Excel)</a>
            </p>
            ${keyFigures(result.summary)}
            <div class="chart-grid">${charts.map(chartSection)}</div>
            ${renderAboutFigures(result.summary, result.series)}
            <script type="application/json" id="dashboard-data">
              ${scriptJson({
                charts: Object.fromEntries(
                  charts.filter((c) => c.hasData).map((c) => [c.id, c.chart]),
                ),
              })}
            </script>`
        : ''
    }`;
  return staffLayout(
    {
      title: model.problems.length ? `Fel: ${heading}` : heading,
      scripts: result ? ['chart.umd.min.js', 'dashboard.js'] : [],
      wide: true,
      current: DASHBOARD_PATH,
    },
    model.viewer,
    body,
  );
}
