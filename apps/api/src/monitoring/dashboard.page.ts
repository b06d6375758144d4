import { FieldProblem } from '@km/common';
import { MonitoringSummary, NATIONWIDE_SV, TimeseriesTable } from '@km/monitoring';
import { errorSummary, html, layout, SafeHtml } from '../pages/html';
import { swedishDate } from '../pages/swedish-text';
import { renderAboutFigures } from './dashboard-about';
import { DashboardChart, dashboardCharts, formatFigure } from './dashboard-charts';
import { CSRF_FIELD, DASHBOARD_PATH } from './dashboard-session';

/** The filter form's fields, as the browser sent them (Swedish names in the URL). */
export interface DashboardFilters {
  lan: string;
  fran: string;
  till: string;
  intervall: 'manad' | 'vecka';
}

export interface DashboardModel {
  user: { email: string; role: 'regional' | 'admin' };
  filters: DashboardFilters;
  counties: { code: string; name: string }[];
  problems: FieldProblem[];
  csrfToken: string;
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

const LOGIN_ID: Record<string, string> = { email: 'login-email', password: 'login-password' };
const loginId = (field: string) => LOGIN_ID[field] ?? 'login-email';

/** The message above a field with an error; its id is the field's aria-describedby. */
function fieldError(id: string, problem: FieldProblem | undefined): SafeHtml | '' {
  return problem
    ? html`<p class="field-error" id="${id}-error">
        <span class="visually-hidden">Fel: </span>${problem.message}
      </p>`
    : '';
}

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

export interface LoginModel {
  email: string;
  problems: FieldProblem[];
  notice?: 'logged-out' | 'session-ended';
  csrfToken: string;
  /** Too many attempts: no form, only the message and a link to try again later. */
  locked?: boolean;
}

export function renderLogin(model: LoginModel): string {
  const problemOf = (field: string) => model.problems.find((p) => p.field === field);
  const field = (
    name: 'email' | 'password',
    label: string,
    type: string,
    autocomplete: string,
    value: string,
  ) => {
    const problem = problemOf(name);
    const id = loginId(name);
    return html`<div class="field${problem ? ' field--error' : ''}">
      <label for="${id}">${label}</label>
      ${fieldError(id, problem)}
      <input
        id="${id}"
        name="${name}"
        type="${type}"
        class="w-full"
        autocomplete="${autocomplete}"
        value="${value}"
        ${problem ? new SafeHtml(`aria-invalid="true" aria-describedby="${id}-error"`) : ''}
      />
    </div>`;
  };
  const notice =
    model.notice === 'logged-out'
      ? html`<div class="notice" role="status"><p>Du är utloggad.</p></div>`
      : model.notice === 'session-ended'
        ? html`<div class="notice notice--warning" role="status">
            <p>Din inloggning har gått ut. Logga in igen.</p>
          </div>`
        : '';
  const body = html`${errorSummary(model.problems, loginId)} ${notice}
    <h1>Logga in till uppföljningen</h1>
    <p class="lead">
      Uppföljningen visar hur kompetensmäklingen går i länet. Den är till för regionala handläggare
      och administratörer.
    </p>
    ${
      model.locked
        ? html`<p id="login-email">
            <a href="${DASHBOARD_PATH}/logga-in">Till inloggningen</a>
          </p>`
        : html`<form method="post" action="${DASHBOARD_PATH}/logga-in" novalidate>
            <input type="hidden" name="${CSRF_FIELD}" value="${model.csrfToken}" />
            ${field('email', 'E-post', 'email', 'username', model.email)}
            ${field('password', 'Lösenord', 'password', 'current-password', '')}
            <button type="submit">Logga in</button>
          </form>`
    }`;
  return layout(
    { title: model.problems.length ? 'Fel: Logga in' : 'Logga in till uppföljningen' },
    body,
  );
}

/** A 403 page: logged in, but not for this. */
export function renderForbidden(message: string, csrfToken?: string): string {
  const body = html`<h1>Du har inte behörighet</h1>
    <p>${message}</p>
    ${csrfToken ? logoutForm(csrfToken) : html`<p><a href="${DASHBOARD_PATH}/logga-in">Logga in med ett annat konto</a></p>`}`;
  return layout({ title: 'Du har inte behörighet' }, body);
}

function logoutForm(csrfToken: string): SafeHtml {
  return html`<form method="post" action="${DASHBOARD_PATH}/logga-ut" class="logout-form">
    <input type="hidden" name="${CSRF_FIELD}" value="${csrfToken}" />
    <button type="submit" class="button--secondary">Logga ut</button>
  </form>`;
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
    model.user.role === 'admin'
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
    model.user.role === 'admin'
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
  const roleText = model.user.role === 'admin' ? 'administratör' : 'regional handläggare';
  const result = model.result;
  const charts = result ? dashboardCharts(result.summary, result.series) : [];
  const heading = result ? `Uppföljning – ${result.summary.countyName}` : 'Uppföljning';
  const period = result
    ? html`<p class="lead">
        Behov som kom in ${swedishDate(result.series.scope.from)} –
        ${swedishDate(result.series.scope.to)}.
      </p>`
    : '';
  const body = html`<div class="dashboard-bar">
      <p>Inloggad som <strong>${model.user.email}</strong> (${roleText})</p>
      ${logoutForm(model.csrfToken)}
    </div>
    ${errorSummary(model.problems, filterId)}
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
  return layout(
    {
      title: model.problems.length ? `Fel: ${heading}` : heading,
      scripts: result ? ['chart.umd.min.js', 'dashboard.js'] : [],
      wide: true,
    },
    body,
  );
}
